package io.trunkline.ejb.billing.api;

import io.trunkline.contract.telecom.CarrierId;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.ejb.Local;

/** Carriers' invoices as stored for reconciliation. */
@Local
public interface Invoices {

    /** An invoice: the totals it states beside the sums of the lines that were read. */
    record Invoice(long id, String carrier, String number, LocalDate periodStart, LocalDate periodEnd, String currency,
                   long statedSeconds, BigDecimal statedAmount, int lines, long linesSeconds, BigDecimal linesAmount,
                   long fileId, Instant receivedAt) implements Serializable {
    }

    /** @param carrier one carrier, or null for all */
    List<Invoice> list(CarrierId carrier, int limit);
}
