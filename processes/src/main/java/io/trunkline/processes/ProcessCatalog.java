package io.trunkline.processes;

import io.trunkline.processes.failover.FailoverDrillProcess;
import io.trunkline.processes.failover.FailoverTestProcess;
import io.trunkline.processes.porting.NumberPortProcess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every process the platform deploys: its id, its BPMN resource and how its start variables are checked, so the
 * runtime deploys exactly these and the workflow API starts only these.
 */
public final class ProcessCatalog {

    /**
     * A deployable process; {@code variables} checks and completes the start variables, {@code cancellable} says
     * from an instance's variables whether it may still be cancelled, and {@code whyNot} why not when it may not.
     */
    public record ProcessEntry(String id, String resource,
                               Function<Map<String, Object>, Map<String, Object>> variables,
                               Predicate<Map<String, Object>> cancellable, String whyNot) {

        /** A process that may be cancelled at any step. */
        public ProcessEntry(String id, String resource, Function<Map<String, Object>, Map<String, Object>> variables) {
            this(id, resource, variables, vars -> true, null);
        }
    }

    /** A start variable refused: {@code name} is the variable, the message says why. */
    public static final class InvalidVariable extends IllegalArgumentException {
        private final String name;

        public InvalidVariable(String name, String message) {
            super(name + ": " + message);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    public static final List<ProcessEntry> ALL = List.of(FailoverTestProcess.ENTRY, NumberPortProcess.ENTRY, FailoverDrillProcess.ENTRY);

    private ProcessCatalog() {
    }

    public static Optional<ProcessEntry> entry(String id) {
        return ALL.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
