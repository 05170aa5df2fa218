package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.processes.failover.FailoverTestProcess;
import java.nio.file.Path;
import java.util.function.Function;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionManagement;
import javax.ejb.TransactionManagementType;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceUnit;
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
 * (an overdue timer fires at once).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// jBPM begins and joins JTA transactions itself while the session is created or loaded.
@TransactionManagement(TransactionManagementType.BEAN)
public class WorkflowRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRuntime.class);
    static final String IDENTIFIER = "trunkline-workflows";

    @PersistenceUnit(unitName = "org.jbpm.domain")
    private EntityManagerFactory emf;

    private RuntimeManager manager;

    @PostConstruct
    void start() {
        ClassLoader processes = FailoverTestProcess.class.getClassLoader();
        String configDir = System.getProperty("jboss.server.config.dir", ".");
        RuntimeEnvironment environment = RuntimeEnvironmentBuilder.Factory.get()
                .newDefaultBuilder()
                .classLoader(processes)
                .entityManagerFactory(emf)
                .userGroupCallback(new RoleFileUserGroupCallback(Path.of(configDir, "trunkline-roles.properties")))
                .addAsset(ResourceFactory.newClassPathResource(FailoverTestProcess.RESOURCE, processes), ResourceType.BPMN2)
                .get();
        manager = RuntimeManagerFactory.Factory.get().newSingletonRuntimeManager(environment, IDENTIFIER);
        RuntimeEngine engine = manager.getRuntimeEngine(EmptyContext.get());
        LOG.info("workflow runtime started: session {} with processes [{}]",
                engine.getKieSession().getIdentifier(), FailoverTestProcess.PROCESS_ID);
    }

    @PreDestroy
    void stop() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Runs {@code work} with the engine and releases it afterwards, whatever happens. */
    public <T> T withEngine(Function<RuntimeEngine, T> work) {
        RuntimeEngine engine = manager.getRuntimeEngine(EmptyContext.get());
        try {
            return work.apply(engine);
        } finally {
            manager.disposeRuntimeEngine(engine);
        }
    }

    public String identifier() {
        return manager == null ? null : manager.getIdentifier();
    }
}
