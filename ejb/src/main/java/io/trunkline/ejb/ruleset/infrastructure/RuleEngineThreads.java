package io.trunkline.ejb.ruleset.infrastructure;

import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.core.concurrent.ExecutorProviderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the rule engine's own threads when the deployment stops. Drools keeps two thread pools in static fields of its
 * classes, which are the EAR's (one pair per deployment): the executor of its background work ({@code drools-worker-N},
 * core threads that never time out) and the knowledge builder's fork-join pool. Their threads would outlive an
 * undeployment and, with them, every class of the deployment (about 60 MB of Metaspace a redeployment,
 * docs/benchmarks.md). The beans that run rules and workflows depend on this one, so the container destroys it after
 * them.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RuleEngineThreads {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngineThreads.class);

    @PreDestroy
    void release() {
        try {
            new ExecutorProviderImpl().getExecutor().shutdown();
            KnowledgeBuilderImpl.ForkJoinPoolHolder.COMPILER_POOL.shutdown();
        } catch (RuntimeException e) {
            // An executor the container lends (drools.executorService) is not Drools' to stop.
            LOG.info("rule engine threads left to their owner: {}", e.toString());
        }
    }
}
