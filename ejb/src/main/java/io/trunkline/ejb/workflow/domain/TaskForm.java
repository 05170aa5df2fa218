package io.trunkline.ejb.workflow.domain;

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

    /** The output types a form can take, by simple name. */
    public static final Set<String> TYPES = Set.of("String", "Integer", "Long", "Double", "BigDecimal", "Boolean");

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
