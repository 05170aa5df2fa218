package io.trunkline.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowAuditCsvTest {

    @Test
    void oneCrlfLinePerEventAfterTheHeader() {
        String csv = WorkflowAuditCsv.csv(List.of(
                new WorkflowEvent(1, Instant.parse("2025-12-05T10:00:00Z"), "carla", "PROCESS_STARTED", null, null, null,
                        null, null, null, null, null, null),
                new WorkflowEvent(2, Instant.parse("2025-12-05T10:00:01Z"), "system", "NODE_LEFT", "Wait, then go", "TimerNode",
                        3L, null, null, null, null, null, null)));
        assertThat(csv.split("\r\n", -1)).containsExactly(WorkflowAuditCsv.HEADER,
                "1,2025-12-05T10:00:00Z,carla,PROCESS_STARTED,,,,,,,,,",
                "2,2025-12-05T10:00:01Z,system,NODE_LEFT,\"Wait, then go\",TimerNode,3,,,,,,",
                "");
    }

    @Test
    void quotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(WorkflowAuditCsv.cell("said \"no\"")).isEqualTo("\"said \"\"no\"\"\"");
        assertThat(WorkflowAuditCsv.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(WorkflowAuditCsv.cell(null)).isEmpty();
    }

    @Test
    void aCellAFormulaWouldStartWithIsDefused() {
        assertThat(WorkflowAuditCsv.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(WorkflowAuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(WorkflowAuditCsv.cell("-2,3")).isEqualTo("\"'-2,3\"");
        assertThat(WorkflowAuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(WorkflowAuditCsv.cell(-5L)).as("numbers the platform wrote are not text").isEqualTo("-5");
    }
}
