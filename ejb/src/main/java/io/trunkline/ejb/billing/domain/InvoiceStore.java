package io.trunkline.ejb.billing.domain;

import io.trunkline.camel.billing.InvoiceFile;
import io.trunkline.ejb.billing.api.Invoices.Invoice;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Carriers' invoices and their lines. */
public interface InvoiceStore {

    /** Whether the carrier's invoice with this number is stored. */
    boolean exists(String carrier, String number) throws SQLException;

    /** Stores an invoice and its lines, read from the file {@code fileId}; returns the invoice's id. */
    long store(long fileId, InvoiceFile f, Instant now) throws SQLException;

    /** The latest invoices, of one carrier or (null) of all. */
    List<Invoice> list(String carrier, int limit) throws SQLException;
}
