package io.trunkline.ejb.billing.application;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.camel.billing.RateDeckCsvParser;
import io.trunkline.camel.billing.RateDeckFile;
import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.ejb.billing.api.RateDecks;
import io.trunkline.ejb.billing.domain.IngestStore;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.api.MasterDataException;
import io.trunkline.camel.billing.RateDeckPort;
import io.trunkline.ejb.billing.api.IngestFiles;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Local;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes parsed rate-deck files from the route: one transaction stores the file record, its rates and
 * its quarantined lines, so a file is either fully in or not at all. The same content dropped again is
 * recorded as a duplicate and stores nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Local({RateDeckPort.class, IngestFiles.class, RateDecks.class})
public class RateDeckIngestion implements RateDeckPort, IngestFiles, RateDecks {

    private static final Logger LOG = LoggerFactory.getLogger(RateDeckIngestion.class);

    @Inject
    private IngestStore store;
    private final RateDeckCsvParser parser = new RateDeckCsvParser();

    @EJB
    private RoutingDataHolder routing;
    @EJB
    private Transactions transactions;

    public RateDeckIngestion() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    RateDeckIngestion(IngestStore store, RoutingDataHolder routing, Transactions transactions) {
        this.store = store;
        this.routing = routing;
        this.transactions = transactions;
    }

    @Override
    public void accept(RateDeckFile file) {
        store(file);
    }

    @Override
    public IngestedFile importDeck(CarrierId carrier, String fileName, byte[] csv) {
        if (routing.current().carrier(carrier.value()).isEmpty()) {
            throw new MasterDataException("carrier", "no carrier '" + carrier + "'");
        }
        RateDeckFile parsed;
        try {
            // The carrier comes from the URL, whatever the uploaded file was called.
            parsed = parser.parse(carrier.value() + "_" + (fileName == null ? "upload.csv" : fileName), csv);
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        long id = store(parsed);
        try {
            return store.find(id).orElseThrow();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Stores the file in one transaction, then rebuilds the routing snapshot so its rates apply. */
    private long store(RateDeckFile file) {
        long id = transactions.committed(() -> storeFile(file));
        routing.reload();
        return id;
    }

    private long storeFile(RateDeckFile file) {
        try {
            Instant now = Instant.now();
            if (store.alreadyStored(IngestStore.RATE_DECK_SOURCE, file.sha256())) {
                long id = store.recordFile(IngestStore.RATE_DECK_SOURCE, file.fileName(), file.sha256(), file.carrier(),
                        "DUPLICATE", file.linesRead(), 0, 0, file.linesRead(), "same content already stored", now);
                LOG.info("rate deck {} of {}: duplicate of a stored file, nothing stored", file.fileName(), file.carrier());
                return id;
            }
            long id = store.recordFile(IngestStore.RATE_DECK_SOURCE, file.fileName(), file.sha256(), file.carrier(),
                    "STORED", file.linesRead(), file.rates().size(), file.rejected().size(), 0, null, now);
            store.storeRates(id, file.carrier(), file.rates());
            store.quarantine(id, file.rejected());
            LOG.info("rate deck {} of {}: {} read, {} stored, {} quarantined", file.fileName(), file.carrier(),
                    file.linesRead(), file.rates().size(), file.rejected().size());
            return id;
        } catch (SQLException e) {
            throw new EJBException("storing rate deck " + file.fileName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void refuse(String fileName, String reason) {
        transactions.committed(() -> {
            try {
                return store.recordFile(IngestStore.RATE_DECK_SOURCE, fileName, null, null, "REFUSED", 0, 0, 0, 0,
                        reason, Instant.now());
            } catch (SQLException e) {
                throw new EJBException("recording refused file " + fileName + " failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public List<IngestedFile> recent(int limit) {
        try {
            return store.recent(Math.max(1, Math.min(limit, MAX_FILES)));
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    public Optional<IngestedFile> file(long id) {
        try {
            return store.find(id);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    public List<QuarantinedRecord> quarantine(long fileId, int limit) {
        try {
            return store.quarantined(fileId, Math.max(1, limit));
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
