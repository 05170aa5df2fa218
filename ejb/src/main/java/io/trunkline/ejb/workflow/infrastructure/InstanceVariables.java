package io.trunkline.ejb.workflow.infrastructure;

import java.util.HashMap;
import java.util.Map;
import org.jbpm.workflow.instance.impl.WorkflowProcessInstanceImpl;
import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.internal.command.RegistryContext;

/** An engine command: the variables of an active instance (a copy), or null when it has ended. */
public record InstanceVariables(long workflowId) implements ExecutableCommand<Map<String, Object>> {

    @Override
    public Map<String, Object> execute(Context context) {
        ProcessInstance pi = ((RegistryContext) context).lookup(KieSession.class).getProcessInstance(workflowId);
        return pi == null ? null : new HashMap<>(((WorkflowProcessInstanceImpl) pi).getVariables());
    }
}
