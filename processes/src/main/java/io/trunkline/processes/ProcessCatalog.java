package io.trunkline.processes;

import io.trunkline.processes.failover.FailoverTestProcess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every process the platform deploys: its id, its BPMN resource and how its start variables are checked, so the
 * runtime deploys exactly these and the workflow API starts only these.
 */
public final class ProcessCatalog {

    /** A deployable process; {@code variables} checks and completes the start variables. */
    public record ProcessEntry(String id, String resource,
                               Function<Map<String, Object>, Map<String, Object>> variables) {
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

    public static final List<ProcessEntry> ALL = List.of(FailoverTestProcess.ENTRY);

    private ProcessCatalog() {
    }

    public static Optional<ProcessEntry> entry(String id) {
        return ALL.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
