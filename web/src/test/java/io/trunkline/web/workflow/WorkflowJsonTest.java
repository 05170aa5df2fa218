package io.trunkline.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.api.TaskView;
import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.web.support.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

class WorkflowJsonTest {

    @Test
    void formDataAreRawValuesNumbersAsBigDecimal() {
        Map<String, Object> data = TaskResource.data("{\"data\":{\"outcome\":\"PASSED\",\"failoverSeconds\":4,\"x\":1.50,\"ok\":true,\"n\":null}}");
        assertThat(data).containsEntry("outcome", "PASSED").containsEntry("failoverSeconds", new BigDecimal("4"))
                .containsEntry("x", new BigDecimal("1.50")).containsEntry("ok", true).containsEntry("n", null);
    }

    @Test
    void anEmptyBodyIsNoData() {
        assertThat(TaskResource.data("")).isEmpty();
        assertThat(TaskResource.data("{}")).isEmpty();
    }

    @Test
    void nestedValuesAndMalformedBodiesAreRefusedNamingTheField() {
        assertField(() -> TaskResource.data("{\"data\":{\"x\":{\"y\":1}}}"), "data.x");
        assertField(() -> TaskResource.data("{\"data\":{\"x\":[1]}}"), "data.x");
        assertField(() -> TaskResource.data("{\"data\":[]}"), "data");
        assertField(() -> TaskResource.data("{\"data\":"), "body");
    }

    @Test
    void timelineEntriesLeaveOutWhatTheyDoNotHave() {
        String json = WorkflowJson.write(WorkflowJson.event(new WorkflowEvent(40, Instant.parse("2025-12-05T10:00:00Z"), "system",
                "NODE_LEFT", "Wait for the test window", "TimerNode", 3L, null, null, null, null, null, null)));
        assertThat(json).isEqualTo("{\"seq\":40,\"at\":\"2025-12-05T10:00:00Z\",\"actor\":\"system\",\"kind\":\"NODE_LEFT\","
                + "\"node\":\"Wait for the test window\",\"nodeType\":\"TimerNode\",\"nodeInstanceId\":3}");
    }

    @Test
    void tasksKeepTheirFieldsAndGainTheirForm() {
        TaskView t = new TaskView(7, "Record", "Ready", 3, "failover.FailoverTest", null, Instant.EPOCH, Map.of(),
                List.of(new FormField("outcome", "String", true)));
        Map<String, Object> json = WorkflowJson.task(t, false);
        assertThat(json).containsKeys("id", "name", "status", "workflowId", "processId", "owner", "createdOn", "form")
                .doesNotContainKey("inputs");
        assertThat(WorkflowJson.write(json)).contains("\"form\":[{\"name\":\"outcome\",\"type\":\"String\",\"required\":true}]");
    }

    @Test
    void queryParametersAreCheckedNamingThem() {
        assertField(() -> WorkflowResource.state("running"), "state");
        assertField(() -> WorkflowResource.limit("1001"), "limit");
        assertField(() -> WorkflowResource.limit("ten"), "limit");
        assertThat(WorkflowResource.limit("1000")).isEqualTo(1000);
    }

    @Test
    void csvOnlyWhenPreferredToJson() {
        assertThat(WorkflowResource.wantsCsv(List.of(MediaType.WILDCARD_TYPE))).isFalse();
        assertThat(WorkflowResource.wantsCsv(List.of(new MediaType("text", "csv")))).isTrue();
        assertThat(WorkflowResource.wantsCsv(List.of(MediaType.APPLICATION_JSON_TYPE, new MediaType("text", "csv")))).isFalse();
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
