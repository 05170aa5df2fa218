package io.trunkline.ejb.billing.domain;

import io.trunkline.camel.billing.InvoiceFile;
import io.trunkline.ejb.billing.api.Invoices.Invoice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Carriers' invoices in memory. */
public final class InMemoryInvoiceStore implements InvoiceStore {

    private final List<Invoice> invoices = new ArrayList<>();

    @Override
    public boolean exists(String carrier, String number) {
        return invoices.stream().anyMatch(i -> i.carrier().equals(carrier) && i.number().equals(number));
    }

    @Override
    public long store(long fileId, InvoiceFile f, java.time.Instant now) {
        long id = invoices.size() + 1;
        invoices.add(new Invoice(id, f.carrier(), f.number(), f.periodStart(), f.periodEnd(), f.currency(),
                f.statedSeconds(), f.statedAmount(), f.lines().size(), f.linesSeconds(), f.linesAmount(), fileId, now));
        return id;
    }

    @Override
    public List<Invoice> list(String carrier, int limit) {
        return invoices.stream().filter(i -> carrier == null || i.carrier().equals(carrier))
                .sorted(Comparator.comparingLong(Invoice::id).reversed()).limit(limit).toList();
    }
}
