package io.trunkline.ejb.workflow.api;

import java.util.Map;
import java.util.Set;

/**
 * The service steps a context runs for its workflows: each BPMN service task of work type {@code Trunkline} names one
 * in its {@code Action} input ({@code porting.submit}, ...). A step runs in the engine's transaction and returns the
 * process variables it sets; an asynchronous one (test calls through the edge, which take seconds) runs on a worker
 * thread after that transaction has committed, the instance waiting on the step meanwhile, and is started again after
 * a restart if it had not finished. A context implements this on one session bean; the runtime finds them all.
 */
public interface WorkflowSteps {

    /** The actions this bean runs. */
    Set<String> actions();

    /** Whether {@code action} runs outside the engine's transaction. */
    default boolean async(String action) {
        return false;
    }

    /**
     * Runs {@code action} for the instance {@code step} describes.
     *
     * @return the process variables to set (none: empty)
     * @throws RuntimeException a synchronous step's failure rolls back what triggered it (the task completion or the
     *                          timer, which jBPM tries again); an asynchronous step should answer its failure as
     *                          variables the process can branch on instead
     */
    Map<String, Object> run(String action, Step step);

    /**
     * One step of a workflow instance.
     *
     * @param actor     who caused it (the user whose action reached it; {@code system} for timers and recovery)
     * @param variables the instance's variables when the step started
     */
    record Step(long workflowId, String processId, long workItemId, String actor, Map<String, Object> variables) {

        public Object variable(String name) {
            return variables.get(name);
        }

        public String text(String name) {
            Object v = variables.get(name);
            return v == null ? null : v.toString();
        }
    }
}
