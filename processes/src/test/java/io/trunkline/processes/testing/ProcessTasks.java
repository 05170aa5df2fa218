package io.trunkline.processes.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.KieSession;
import org.kie.api.task.TaskService;
import org.kie.api.task.model.TaskSummary;

/** A compliance officer ("maria") working a process's human tasks on jBPM's test runtime, and waiting for its end. */
public final class ProcessTasks {

    private static final long WAIT_MS = 15_000;

    private ProcessTasks() {
    }

    /** The compliance task named {@code name}, waited for (timers and asynchronous steps come first). */
    public static TaskSummary awaitTask(TaskService tasks, String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (TaskSummary t : tasks.getTasksAssignedAsPotentialOwner("maria", List.of("compliance"), "en-UK", 0, 10)) {
                if (t.getName().equals(name)) {
                    return t;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no task " + name);
    }

    /** Claims, starts and completes {@code task} with {@code data} as its outputs. */
    public static void complete(TaskService tasks, TaskSummary task, Map<String, Object> data) {
        tasks.claim(task.getId(), "maria");
        tasks.start(task.getId(), "maria");
        tasks.complete(task.getId(), "maria", new HashMap<>(data));
    }

    /** Waits for instance {@code pi} to end. */
    public static void awaitEnded(KieSession session, long pi) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (session.getProcessInstance(pi) != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(session.getProcessInstance(pi)).as("process ended").isNull();
    }
}
