package io.trunkline.processes;

import io.trunkline.processes.failover.FailoverDrillProcess;
import io.trunkline.processes.failover.FailoverTestProcess;
import io.trunkline.processes.porting.NumberPortProcess;
import io.trunkline.processes.sla.CreditClaimProcess;
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
     * A deployable process: {@code id} is the name the workflow API starts it by; {@code processId} and
     * {@code resource} its current version in jBPM; {@code variables} checks and completes the start variables,
     * {@code cancellable} says from an instance's variables whether it may still be cancelled, and {@code whyNot}
     * why not when it may not. A changed BPMN is released as a new version beside the old ones ({@link #versioned}):
     * new starts take the current version while instances started on a retired one finish on it, so a retired
     * version stays deployed (and keeps its node ids) as long as any of its instances may be open.
     */
    public record ProcessEntry(String id, String processId, String resource,
                               Function<Map<String, Object>, Map<String, Object>> variables,
                               Predicate<Map<String, Object>> cancellable, String whyNot, List<Version> retired) {

        public ProcessEntry {
            retired = List.copyOf(retired);
            if (!processId.equals(id) && !processId.startsWith(id + ".v")) {
                throw new IllegalArgumentException("version " + processId + " of " + id + " must be named " + id + ".v<n>");
            }
        }

        /** A process that may be cancelled at any step, in its first version. */
        public ProcessEntry(String id, String resource, Function<Map<String, Object>, Map<String, Object>> variables) {
            this(id, resource, variables, vars -> true, null);
        }

        /** A process in its first version (its jBPM id is {@code id}). */
        public ProcessEntry(String id, String resource, Function<Map<String, Object>, Map<String, Object>> variables,
                            Predicate<Map<String, Object>> cancellable, String whyNot) {
            this(id, id, resource, variables, cancellable, whyNot, List.of());
        }

        /**
         * This process with a new current version ({@code processId} {@code <id>.v<n>}, from {@code resource}), the
         * present one retired: its instances finish on it.
         */
        public ProcessEntry versioned(String newProcessId, String newResource) {
            List<Version> all = new java.util.ArrayList<>(retired);
            all.add(new Version(processId, resource));
            return new ProcessEntry(id, newProcessId, newResource, variables, cancellable, whyNot, all);
        }

        /** Every version's jBPM process id, the current one first. */
        public List<String> processIds() {
            List<String> ids = new java.util.ArrayList<>(List.of(processId));
            retired.forEach(v -> ids.add(v.processId()));
            return ids;
        }

        /** Every version's BPMN resource, the current one first. */
        public List<String> resources() {
            List<String> all = new java.util.ArrayList<>(List.of(resource));
            retired.forEach(v -> all.add(v.resource()));
            return all;
        }
    }

    /** A released version of a process: its jBPM process id and BPMN resource. */
    public record Version(String processId, String resource) {
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

    public static final List<ProcessEntry> ALL = List.of(FailoverTestProcess.ENTRY, NumberPortProcess.ENTRY,
            FailoverDrillProcess.ENTRY, CreditClaimProcess.ENTRY);

    private ProcessCatalog() {
    }

    public static Optional<ProcessEntry> entry(String id) {
        return ALL.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The process a jBPM process id (of any of its versions) belongs to. */
    public static Optional<ProcessEntry> owner(String processId) {
        return ALL.stream().filter(e -> e.processIds().contains(processId)).findFirst();
    }
}
