package io.trunkline.ejb.billing.application;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.camel.billing.InvoiceFile;
import io.trunkline.camel.billing.InvoicePort;
import io.trunkline.ejb.billing.api.Invoices;
import io.trunkline.ejb.billing.domain.IngestStore;
import io.trunkline.ejb.billing.domain.InvoiceStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.ejb.EJBException;
import javax.ejb.Local;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes parsed invoices from the route: the file record, the invoice, its lines and its quarantined lines in one
 * transaction. An invoice number the carrier sent before is recorded as a duplicate and stores nothing.
 */
@Stateless
@Local({InvoicePort.class, Invoices.class})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class InvoiceIngestion implements InvoicePort, Invoices {

    public static final String SOURCE = "invoice";
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceIngestion.class);

    @Inject
    private IngestStore files;
    @Inject
    private InvoiceStore invoices;

    public InvoiceIngestion() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    InvoiceIngestion(IngestStore files, InvoiceStore invoices) {
        this.files = files;
        this.invoices = invoices;
    }

    @Override
    public void accept(InvoiceFile f) {
        try {
            Instant now = Instant.now();
            if (invoices.exists(f.carrier(), f.number())) {
                files.recordFile(SOURCE, f.fileName(), f.sha256(), f.carrier(), "DUPLICATE", f.linesRead(), 0, 0,
                        f.linesRead(), "invoice " + f.number() + " of " + f.carrier() + " already stored", now);
                LOG.info("invoice {} of {}: stored before, nothing stored", f.number(), f.carrier());
                return;
            }
            long fileId = files.recordFile(SOURCE, f.fileName(), f.sha256(), f.carrier(), "STORED", f.linesRead(),
                    f.lines().size(), f.rejected().size(), 0, null, now);
            invoices.store(fileId, f, now);
            files.quarantine(fileId, f.rejected());
            LOG.info("invoice {} of {}: {} lines, {} quarantined; stated {} {}, lines {} {}", f.number(), f.carrier(),
                    f.lines().size(), f.rejected().size(), f.statedAmount(), f.currency(), f.linesAmount(), f.currency());
        } catch (SQLException e) {
            throw new EJBException("invoice " + f.fileName() + " not stored: " + e.getMessage(), e);
        }
    }

    @Override
    public void refuse(String fileName, String reason) {
        try {
            files.recordFile(SOURCE, fileName, null, null, "REFUSED", 0, 0, 0, 0, reason, Instant.now());
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Invoice> list(CarrierId carrier, int limit) {
        try {
            return invoices.list(carrier == null ? null : carrier.value(), Math.max(1, Math.min(limit, 1000)));
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
