package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.domain.TaskForm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jbpm.workflow.core.node.HumanTaskNode;
import org.kie.api.KieBase;
import org.kie.api.definition.process.Node;
import org.kie.api.definition.process.NodeContainer;
import org.kie.api.definition.process.Process;
import org.kie.api.task.model.Task;

/**
 * A human task's form from its BPMN: the {@code dataOutput}s of its user task (jBPM keeps them as the node's
 * {@code DataOutputs} metadata, name to type), all required but those named in the static input
 * {@code OptionalOutputs} (comma-separated); the static input {@code FormTypes} ({@code name=kind,...}) gives an
 * output a form kind of {@link TaskForm#TYPES} its Java type cannot say ({@code datetime}, {@code document}).
 */
public final class JbpmTaskForms {

    static final String OPTIONAL_OUTPUTS = "OptionalOutputs";
    static final String FORM_TYPES = "FormTypes";

    private JbpmTaskForms() {
    }

    public static TaskForm of(KieBase kieBase, Task task) {
        return of(kieBase, task.getTaskData().getProcessId(), task.getFormName(), task.getName());
    }

    /**
     * The form of the user task whose static input {@code TaskName} is {@code formName} (what jBPM makes the task's
     * form name), else of the one named {@code name}; a task of no known user task has an empty form.
     */
    public static TaskForm of(KieBase kieBase, String processId, String formName, String name) {
        Process process = processId == null ? null : kieBase.getProcess(processId);
        if (!(process instanceof NodeContainer container)) {
            return new TaskForm(name, List.of());
        }
        HumanTaskNode node = find(container, formName, true);
        if (node == null) {
            node = find(container, name, false);
        }
        return node == null ? new TaskForm(name, List.of()) : of(node);
    }

    /** The form of a user task node; an output type outside {@link TaskForm#TYPES} is refused. */
    public static TaskForm of(HumanTaskNode node) {
        Object outputs = node.getMetaData().get("DataOutputs");
        Object optionalText = node.getWork().getParameter(OPTIONAL_OUTPUTS);
        Set<String> optional = optionalText == null ? Set.of() : Arrays.stream(String.valueOf(optionalText).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Map<String, String> kinds = new java.util.HashMap<>();
        Object kindsText = node.getWork().getParameter(FORM_TYPES);
        for (String pair : kindsText == null ? new String[0] : String.valueOf(kindsText).split(",")) {
            String[] nameKind = pair.split("=", 2);
            if (nameKind.length == 2) {
                kinds.put(nameKind[0].trim(), nameKind[1].trim());
            }
        }
        List<FormField> fields = new ArrayList<>();
        if (outputs instanceof Map<?, ?> types) {
            for (Map.Entry<?, ?> e : types.entrySet()) {
                String name = String.valueOf(e.getKey());
                String type = kinds.getOrDefault(name, simple(String.valueOf(e.getValue())));
                fields.add(new FormField(name, type, !optional.contains(name)));
            }
        }
        fields.sort(Comparator.comparing(FormField::name));
        return new TaskForm(node.getName(), fields);
    }

    /** {@code java.lang.Integer} and {@code Integer} alike; {@code java.math.BigDecimal} as {@code BigDecimal}. */
    static String simple(String type) {
        return type.startsWith("java.lang.") || type.startsWith("java.math.") ? type.substring(type.lastIndexOf('.') + 1) : type;
    }

    private static HumanTaskNode find(NodeContainer container, String key, boolean byTaskName) {
        if (key == null) {
            return null;
        }
        for (Node n : container.getNodes()) {
            if (n instanceof HumanTaskNode h) {
                Object taskName = h.getWork() == null ? null : h.getWork().getParameter("TaskName");
                if (key.equals(byTaskName ? taskName : h.getName())) {
                    return h;
                }
            }
            if (n instanceof NodeContainer inner) {
                HumanTaskNode found = find(inner, key, byTaskName);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Every user task of {@code process} as a form, to check at start that each can be read. */
    public static List<TaskForm> all(Process process) {
        List<TaskForm> out = new ArrayList<>();
        if (process instanceof NodeContainer container) {
            collect(container, out);
        }
        return out;
    }

    private static void collect(NodeContainer container, List<TaskForm> out) {
        for (Node n : container.getNodes()) {
            if (n instanceof HumanTaskNode h) {
                out.add(of(h));
            }
            if (n instanceof NodeContainer inner) {
                collect(inner, out);
            }
        }
    }
}
