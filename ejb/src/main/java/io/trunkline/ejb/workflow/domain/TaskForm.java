package io.trunkline.ejb.workflow.domain;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A human task's form, read from its BPMN outputs: the data a completion may carry, each converted from its raw
 * JSON value (String, BigDecimal, Boolean, null) to the output's type, refusals naming {@code data.<name>}.
 */
public record TaskForm(String task, List<FormField> fields) {

    public static final String DATETIME = "datetime";
    public static final String DOCUMENT = "document";

    /**
     * The output types a form can take: Java types by simple name, and two kinds a task's static input
     * {@code FormTypes} may give an output: {@code datetime} (ISO-8601 with an offset, kept as a UTC instant's
     * text, which jBPM timers read) and {@code document} (the id of a document of the same workflow instance).
     */
    public static final Set<String> TYPES = Set.of("String", "Integer", "Long", "Double", "BigDecimal", "Boolean",
            TaskForm.DATETIME, TaskForm.DOCUMENT);

    public TaskForm {
        fields = List.copyOf(fields);
        for (FormField f : fields) {
            if (!TYPES.contains(f.type())) {
                throw new IllegalArgumentException("task " + task + ": output " + f.name() + " has type " + f.type()
                        + ", not one of " + TYPES);
            }
        }
    }

    /** The typed completion data; a null value of an optional field is left out. */
    public Map<String, Object> read(Map<String, Object> raw) {
        Map<String, Object> in = raw == null ? Map.of() : raw;
        for (String name : in.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                throw new InvalidWorkflowInput("data." + name, "is not an output of " + task);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (FormField f : fields) {
            Object v = in.get(f.name());
            if (v == null) {
                if (f.required()) {
                    throw new InvalidWorkflowInput("data." + f.name(), "is required");
                }
                continue;
            }
            out.put(f.name(), convert(f, v));
        }
        return out;
    }

    private static Object convert(FormField f, Object v) {
        String field = "data." + f.name();
        switch (f.type()) {
            case "String":
                if (v instanceof String) {
                    return v;
                }
                throw new InvalidWorkflowInput(field, "must be a string");
            case "Boolean":
                if (v instanceof Boolean) {
                    return v;
                }
                throw new InvalidWorkflowInput(field, "must be true or false");
            case DATETIME:
                try {
                    return OffsetDateTime.parse(String.valueOf(v)).toInstant().toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidWorkflowInput(field, "must be an ISO-8601 date-time with its offset, such as "
                            + "2026-12-18T06:00:00Z or 2026-12-18T07:00:00+01:00");
                }
            case DOCUMENT:
                if (!(v instanceof BigDecimal id) || id.signum() <= 0) {
                    throw new InvalidWorkflowInput(field, "must be the id of a document of this workflow");
                }
                return number(new FormField(f.name(), "Long", f.required()), field, id);
            default:
                if (!(v instanceof BigDecimal n)) {
                    throw new InvalidWorkflowInput(field, f.type().equals("Double") || f.type().equals("BigDecimal")
                            ? "must be a number" : "must be a whole number");
                }
                return number(f, field, n);
        }
    }

    private static Object number(FormField f, String field, BigDecimal n) {
        try {
            return switch (f.type()) {
                case "Integer" -> n.intValueExact();
                case "Long" -> n.longValueExact();
                case "Double" -> n.doubleValue();
                default -> n;
            };
        } catch (ArithmeticException e) {
            throw new InvalidWorkflowInput(field, f.type().equals("Integer")
                    ? "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                    : "must be a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
    }
}
