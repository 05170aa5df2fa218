package io.trunkline.web.workflow;

import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.api.TaskView;
import io.trunkline.ejb.workflow.api.WorkflowDetail;
import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.api.WorkflowSummary;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonString;
import javax.json.JsonValue;

/** The workflow API's records as JSON, and the raw values of a request's {@code variables} or {@code data}. */
final class WorkflowJson {

    private WorkflowJson() {
    }

    static Map<String, Object> summary(WorkflowSummary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        put(out, "processId", s.processId());
        put(out, "processName", s.processName());
        put(out, "version", s.version());
        put(out, "state", s.state());
        put(out, "startedBy", s.startedBy());
        put(out, "startedAt", s.startedAt());
        put(out, "endedAt", s.endedAt());
        return out;
    }

    static Map<String, Object> detail(WorkflowDetail d) {
        Map<String, Object> out = summary(d.summary());
        out.put("activeSteps", d.activeSteps());
        out.put("variables", d.variables());
        out.put("timeline", d.timeline().stream().map(WorkflowJson::event).toList());
        return out;
    }

    /** A timeline entry, the fields it does not have left out. */
    static Map<String, Object> event(WorkflowEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", e.seq());
        out.put("at", e.at());
        out.put("actor", e.actor());
        out.put("kind", e.kind());
        put(out, "node", e.node());
        put(out, "nodeType", e.nodeType());
        put(out, "nodeInstanceId", e.nodeInstanceId());
        put(out, "taskId", e.taskId());
        put(out, "task", e.task());
        put(out, "variable", e.variable());
        put(out, "oldValue", e.oldValue());
        put(out, "newValue", e.newValue());
        put(out, "detail", e.detail());
        return out;
    }

    /** A workflow document without its bytes. */
    static Map<String, Object> document(DocumentView d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("workflowId", d.workflowId());
        out.put("name", d.name());
        out.put("kind", d.kind());
        out.put("contentType", d.contentType());
        out.put("size", d.size());
        out.put("sha256", d.sha256());
        out.put("addedBy", d.addedBy());
        out.put("addedAt", d.addedAt());
        return out;
    }

    /** A task as {@code GET /tasks} always gave it (owner null when unclaimed), plus its form and inputs. */
    static Map<String, Object> task(TaskView t, boolean withInputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("status", t.status());
        out.put("workflowId", t.workflowId());
        out.put("processId", t.processId());
        out.put("owner", t.owner());
        out.put("createdOn", t.createdOn());
        if (withInputs) {
            out.put("inputs", t.inputs());
        }
        out.put("form", t.form().stream().map(WorkflowJson::field).toList());
        return out;
    }

    private static Map<String, Object> field(FormField f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        out.put("type", f.type());
        out.put("required", f.required());
        return out;
    }

    /**
     * The member {@code name} of a request body as raw values by key (String, BigDecimal, Boolean, null); absent
     * is empty. Forms and start variables are flat: a nested object or array is refused naming it.
     */
    static Map<String, Object> flat(JsonObject body, String name) {
        return flat(body, name, false);
    }

    /**
     * As {@link #flat(JsonObject, String)}, with {@code lists}: a member may also be an array of strings (a port's
     * numbers), read as a list.
     */
    static Map<String, Object> flat(JsonObject body, String name, boolean lists) {
        JsonValue v = body.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Map.of();
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(name, "must be a JSON object");
        }
        Map<String, Object> out = new HashMap<>();
        v.asJsonObject().forEach((k, value) -> out.put(k, lists && value.getValueType() == JsonValue.ValueType.ARRAY
                ? strings(name + "." + k, value.asJsonArray()) : raw(name + "." + k, value)));
        return out;
    }

    private static List<String> strings(String field, javax.json.JsonArray array) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).getValueType() != JsonValue.ValueType.STRING) {
                throw ApiException.badRequest(field + "[" + i + "]", "must be a string");
            }
            out.add(array.getString(i));
        }
        return out;
    }

    private static Object raw(String field, JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> throw ApiException.badRequest(field, "must be a string, number, true, false or null");
        };
    }

    static String write(Object value) {
        return JsonBodies.value(value).toString();
    }

    static List<Object> tasks(List<TaskView> tasks) {
        return tasks.stream().map(t -> (Object) task(t, false)).toList();
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
