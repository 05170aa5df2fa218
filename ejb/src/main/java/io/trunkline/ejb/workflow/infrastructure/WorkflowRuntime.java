package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.platform.infrastructure.AfterCommit;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.ejb.workflow.domain.AsyncStepStore;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import java.util.concurrent.TimeUnit;
import javax.annotation.Resource;
import javax.enterprise.concurrent.ManagedScheduledExecutorService;
import javax.enterprise.inject.Any;
import javax.enterprise.inject.Instance;
import javax.transaction.TransactionSynchronizationRegistry;
import io.trunkline.processes.ProcessCatalog;
import java.nio.file.Path;
import java.util.function.Function;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionManagement;
import javax.ejb.TransactionManagementType;
import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceUnit;
import org.jbpm.process.audit.JPAAuditLogService;
import org.kie.api.KieBase;
import org.kie.api.definition.process.Process;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.manager.RuntimeEngine;
import org.kie.api.runtime.manager.RuntimeEnvironment;
import org.kie.api.runtime.manager.RuntimeEnvironmentBuilder;
import org.kie.api.runtime.manager.RuntimeManager;
import org.kie.api.runtime.manager.RuntimeManagerFactory;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.runtime.manager.context.EmptyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jBPM runtime: one persistent session (singleton strategy) on the platform's datasource, with the
 * human task service. Process state, tasks and timers live in the database; the session id is kept in
 * the server's data directory, so after a restart the same session is loaded and its timers rescheduled
 * (an overdue timer fires at once). Every step, variable change and task action is also written to the
 * platform's audit trail ({@link WorkflowEventRecorder}, table {@code workflow_event}) in the same transaction.
 */
@Singleton
@Startup
// The audit trail's table must exist before a timer overdue at start fires and records its step.
@DependsOn({"SchemaMigrations", "RuleEngineThreads"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// jBPM begins and joins JTA transactions itself while the session is created or loaded.
@TransactionManagement(TransactionManagementType.BEAN)
public class WorkflowRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRuntime.class);
    static final String IDENTIFIER = "trunkline-workflows";

    @PersistenceUnit(unitName = "org.jbpm.domain")
    private EntityManagerFactory emf;

    @Inject
    private WorkflowEventStore events;
    @Inject
    private AsyncStepStore asyncSteps;
    @Inject
    @Any
    private Instance<WorkflowSteps> steps;
    @Resource
    private ManagedScheduledExecutorService executor;
    @Resource
    private TransactionSynchronizationRegistry transactions;

    private RuntimeManager manager;
    private KieBase kieBase;
    private JPAAuditLogService auditLog;

    @PostConstruct
    void start() {
        ClassLoader processes = ProcessCatalog.class.getClassLoader();
        String configDir = System.getProperty("jboss.server.config.dir", ".");
        RuntimeEnvironmentBuilder builder = RuntimeEnvironmentBuilder.Factory.get()
                .newDefaultBuilder()
                .classLoader(processes)
                .entityManagerFactory(emf)
                .schedulerService(new PromptStopScheduler())
                .userGroupCallback(new RoleFileUserGroupCallback(Path.of(configDir, "trunkline-roles.properties")))
                .addEnvironmentEntry(JbpmBusinessCalendar.ENTRY, JbpmBusinessCalendar.fromSystemProperties())
                .registerableItemsFactory(new TrunklineItems(new WorkflowEventRecorder(events), new Steps()));
        for (ProcessCatalog.ProcessEntry p : ProcessCatalog.ALL) {
            // Every version: instances started on a retired one finish on it.
            for (String resource : p.resources()) {
                builder.addAsset(ResourceFactory.newClassPathResource(resource, processes), ResourceType.BPMN2);
            }
        }
        RuntimeEnvironment environment = builder.get();
        kieBase = environment.getKieBase();
        for (Process p : kieBase.getProcesses()) {
            JbpmTaskForms.all(p); // a task output of a type forms cannot take fails the start, not the first completion
        }
        auditLog = new JPAAuditLogService(emf);
        manager = RuntimeManagerFactory.Factory.get().newSingletonRuntimeManager(environment, IDENTIFIER);
        RuntimeEngine engine = manager.getRuntimeEngine(EmptyContext.get());
        LOG.info("workflow runtime started: session {} with processes {}", engine.getKieSession().getIdentifier(),
                ProcessCatalog.ALL.stream().flatMap(p -> p.processIds().stream()).toList());
        // Asynchronous steps a stop interrupted start again once the deployment is up (their beans answer then).
        executor.schedule(this::resumeAsyncSteps, RESUME_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    private static final long RESUME_AFTER_SECONDS = 10;
    /**
     * The work items of the asynchronous steps this runtime has submitted and not yet completed. A step started in
     * the seconds between the start and {@link #resumeAsyncSteps} (a timer due then, say) is pending in the table too,
     * but it runs already: resumed, it would run twice (a port's test calls placed twice).
     */
    private final java.util.Set<Long> runningHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void resumeAsyncSteps() {
        try {
            for (AsyncStepStore.Pending p : asyncSteps.pending()) {
                if (runningHere.contains(p.workItemId())) {
                    continue;
                }
                WorkflowSteps.Step step = withEngine(WorkflowActor.SYSTEM, e -> e.getKieSession().execute(
                        new AsyncStepCommands.Snapshot(p.workflowId(), p.workItemId())));
                if (step == null) {
                    withEngine(WorkflowActor.SYSTEM, e -> e.getKieSession().execute(
                            new AsyncStepCommands.Complete(p.workflowId(), p.workItemId(), java.util.Map.of(), asyncSteps)));
                    continue;
                }
                LOG.info("workflow {}: step {} (work item {}) started again after a restart", p.workflowId(), p.action(),
                        p.workItemId());
                submit(p.action(), step);
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.error("asynchronous workflow steps not resumed", e);
        }
    }

    /** Runs an asynchronous step on a worker thread and completes its work item with what it returns. */
    private void submit(String action, WorkflowSteps.Step step) {
        if (!runningHere.add(step.workItemId())) {
            return;
        }
        executor.submit(() -> {
            java.util.Map<String, Object> out;
            try {
                out = owner(action).run(action, step);
            } catch (RuntimeException e) {
                LOG.error("workflow {}: step {} failed", step.workflowId(), action, e);
                out = java.util.Map.of("stepFailure", action + ": " + e);
            }
            java.util.Map<String, Object> results = out;
            try {
                withEngine(WorkflowActor.SYSTEM, e -> e.getKieSession().execute(
                        new AsyncStepCommands.Complete(step.workflowId(), step.workItemId(), results, asyncSteps)));
            } catch (RuntimeException e) {
                LOG.error("workflow {}: step {} not completed; it runs again after a restart", step.workflowId(), action, e);
            } finally {
                runningHere.remove(step.workItemId());
            }
        });
    }

    private WorkflowSteps owner(String action) {
        for (WorkflowSteps s : steps) {
            if (s.actions().contains(action)) {
                return s;
            }
        }
        throw new IllegalStateException("no workflow step '" + action + "' is deployed");
    }

    /** The service-step handler's view of the runtime. */
    private final class Steps implements StepHandler.Steps {
        @Override
        public WorkflowSteps owner(String action) {
            return WorkflowRuntime.this.owner(action);
        }

        @Override
        public void startAsync(WorkflowSteps owner, String action, WorkflowSteps.Step step) {
            try {
                asyncSteps.started(step.workItemId(), step.workflowId(), action);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("asynchronous step not recorded: " + e.getMessage(), e);
            }
            AfterCommit.run(transactions, () -> submit(action, step));
        }
    }

    @PreDestroy
    void stop() {
        if (auditLog != null) {
            auditLog.dispose();
        }
        if (manager != null) {
            manager.close();
        }
    }

    /**
     * Runs {@code work} with the engine on behalf of {@code actor} (recorded as who did each step it causes) and
     * releases the engine afterwards, whatever happens.
     */
    public <T> T withEngine(String actor, Function<RuntimeEngine, T> work) {
        return WorkflowActor.as(actor, () -> {
            RuntimeEngine engine = manager.getRuntimeEngine(EmptyContext.get());
            try {
                return work.apply(engine);
            } finally {
                manager.disposeRuntimeEngine(engine);
            }
        });
    }

    /** The deployed processes. */
    public KieBase kieBase() {
        return kieBase;
    }

    /** jBPM's process and node logs, read in the caller's transaction. */
    public JPAAuditLogService auditLog() {
        return auditLog;
    }

    public String identifier() {
        return manager == null ? null : manager.getIdentifier();
    }
}
