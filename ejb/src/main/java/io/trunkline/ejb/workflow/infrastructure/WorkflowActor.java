package io.trunkline.ejb.workflow.infrastructure;

import java.util.function.Supplier;

/**
 * Who the engine is working for on this thread, for the audit trail: the API user while a request drives the
 * engine, {@code system} otherwise (timers fire on the engine's own threads).
 */
public final class WorkflowActor {

    public static final String SYSTEM = "system";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private WorkflowActor() {
    }

    /** Runs {@code work} as {@code actor}, restoring the previous actor afterwards. */
    public static <T> T as(String actor, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(actor);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static String current() {
        String actor = CURRENT.get();
        return actor == null ? SYSTEM : actor;
    }
}
