package io.trunkline.ejb.workflow.domain;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit trail in a list: what was appended, in order. */
public final class InMemoryWorkflowEventStore implements WorkflowEventStore {

    public final List<NewEvent> appended = new ArrayList<>();

    @Override
    public void append(NewEvent e) {
        appended.add(e);
    }

    @Override
    public List<WorkflowEvent> forInstance(long processInstanceId) {
        List<WorkflowEvent> out = new ArrayList<>();
        for (NewEvent e : appended) {
            if (e.processInstanceId() == processInstanceId) {
                out.add(new WorkflowEvent(out.size() + 1, e.at(), e.actor(), e.kind(), e.node(), e.nodeType(),
                        e.nodeInstanceId(), e.taskId(), e.task(), e.variable(), e.oldValue(), e.newValue(), e.detail()));
            }
        }
        return out;
    }

    @Override
    public Map<Long, String> starters(Collection<Long> processInstanceIds) {
        Map<Long, String> out = new HashMap<>();
        for (NewEvent e : appended) {
            if (e.kind().equals(Timeline.Kinds.PROCESS_STARTED) && processInstanceIds.contains(e.processInstanceId())) {
                out.putIfAbsent(e.processInstanceId(), e.actor());
            }
        }
        return out;
    }
}
