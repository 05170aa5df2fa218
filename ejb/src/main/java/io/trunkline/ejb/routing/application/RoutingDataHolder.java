package io.trunkline.ejb.routing.application;

import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RoutingRepository;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing snapshot every decision reads. Rebuilt from the database when master data or a rate deck
 * has changed (the services that change them call {@link #reload} after their transaction commits) and
 * swapped in whole: a decision sees the data before or after a change, never half of it.
 */
@Singleton
@Startup
@LocalBean
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RoutingDataHolder {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingDataHolder.class);

    @Inject
    private RoutingRepository repository;
    private final AtomicReference<RoutingData> current = new AtomicReference<>();

    public RoutingDataHolder() {
        // the container injects the repository, then loads
    }

    /** Over a given repository, loaded at once (outside the container: the unit tests of the services). */
    public RoutingDataHolder(RoutingRepository repository) {
        this.repository = repository;
        load();
    }

    @PostConstruct
    void load() {
        reload();
    }

    /**
     * The snapshot now. A read of memory: it joins the caller's transaction if there is one and starts none (the
     * container's default would begin and commit one for each of the several calls a decision makes).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RoutingData current() {
        return current.get();
    }

    /**
     * The snapshot as a plain reader, taken once by the per-call services: each read is then a read of memory, not
     * a call through the container's interceptors.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Supplier<RoutingData> reader() {
        return current::get;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RoutingRepository repository() {
        return repository;
    }

    /** Reads the snapshot again now, outside any transaction (call it after the change has committed). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void reload() {
        long start = System.nanoTime();
        RoutingData data = repository.load();
        current.set(data);
        LOG.info("routing data loaded in {} ms: {} PBXs, {} carriers", (System.nanoTime() - start) / 1_000_000,
                data.allPbxs().size(), data.allCarriers().size());
    }
}
