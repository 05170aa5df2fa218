package io.trunkline.ejb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFormTest {

    private final TaskForm form = new TaskForm("Record", List.of(
            new FormField("s", "String", true), new FormField("i", "Integer", false), new FormField("l", "Long", false),
            new FormField("d", "Double", false), new FormField("b", "BigDecimal", false), new FormField("ok", "Boolean", false)));

    @Test
    void eachTypeIsConverted() {
        Map<String, Object> typed = form.read(Map.of("s", "x", "i", new BigDecimal("4"), "l", new BigDecimal("1099511627776"),
                "d", new BigDecimal("1.5"), "b", new BigDecimal("2.50"), "ok", Boolean.TRUE));
        assertThat(typed).containsEntry("s", "x").containsEntry("i", 4).containsEntry("l", 1099511627776L)
                .containsEntry("d", 1.5).containsEntry("b", new BigDecimal("2.50")).containsEntry("ok", true);
    }

    @Test
    void integersRefuseFractionsAndWhatOverflows() {
        assertField(Map.of("s", "x", "i", new BigDecimal("4.5")), "data.i", "whole number");
        assertField(Map.of("s", "x", "i", new BigDecimal(1L << 40)), "data.i", "whole number");
        assertField(Map.of("s", "x", "i", "four"), "data.i", "must be a whole number");
        assertField(Map.of("s", "x", "ok", "yes"), "data.ok", "true or false");
        assertField(Map.of("s", 4), "data.s", "must be a string");
    }

    @Test
    void unknownMissingAndOptionalNull() {
        assertField(Map.of("s", "x", "x", 1), "data.x", "is not an output of Record");
        assertField(Map.of(), "data.s", "is required");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("s", "x");
        withNull.put("i", null);
        assertThat(form.read(withNull)).containsOnlyKeys("s");
        assertThat(new TaskForm("Approve", List.of()).read(null)).isEmpty();
    }

    @Test
    void dateTimesBecomeUtcInstantsAndDocumentsTheirIds() {
        TaskForm foc = new TaskForm("Record the FOC date", List.of(new FormField("focAt", TaskForm.DATETIME, true),
                new FormField("scan", TaskForm.DOCUMENT, false)));
        assertThat(foc.read(Map.of("focAt", "2026-12-18T07:00:00+01:00", "scan", new BigDecimal("12"))))
                .containsEntry("focAt", "2026-12-18T06:00:00Z").containsEntry("scan", 12L);
        assertThatThrownBy(() -> foc.read(Map.of("focAt", "2026-12-18 07:00"))).isInstanceOfSatisfying(
                InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("data.focAt")).hasMessageContaining("offset");
        assertThatThrownBy(() -> foc.read(Map.of("focAt", "2026-12-18T07:00:00Z", "scan", "signed.pdf")))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("data.scan"))
                .hasMessageContaining("id of a document");
        assertThatThrownBy(() -> foc.read(Map.of("focAt", "2026-12-18T07:00:00Z", "scan", new BigDecimal("-3"))))
                .isInstanceOf(InvalidWorkflowInput.class);
    }

    @Test
    void anUnsupportedTypeIsRefusedWhenTheFormIsMade() {
        assertThatThrownBy(() -> new TaskForm("T", List.of(new FormField("x", "Object", true))))
                .hasMessageContaining("Object");
    }

    private void assertField(Map<String, Object> raw, String field, String message) {
        assertThatThrownBy(() -> form.read(raw)).isInstanceOfSatisfying(InvalidWorkflowInput.class,
                e -> assertThat(e.field()).isEqualTo(field)).hasMessageContaining(message);
    }
}
