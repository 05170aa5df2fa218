package io.trunkline.ejb.billing.application;

import io.trunkline.contract.telecom.CarrierId;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.camel.billing.InvoiceFile;
import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.ejb.billing.api.Invoices.Invoice;
import io.trunkline.ejb.billing.domain.InMemoryIngestStore;
import io.trunkline.ejb.billing.domain.InMemoryInvoiceStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Carriers' invoices through the port over in-memory stores. */
class InvoiceIngestionTest {

    private final InMemoryIngestStore files = new InMemoryIngestStore();
    private final InMemoryInvoiceStore invoices = new InMemoryInvoiceStore();
    private final InvoiceIngestion ingestion = new InvoiceIngestion(files, invoices);

    @Test
    void anInvoiceIsStoredWithItsLinesSumsAndItsBadLineQuarantined() {
        ingestion.accept(invoice("INV-7", "sha-7"));

        assertThat(ingestion.list(new CarrierId("carrier-a"), 10)).singleElement().satisfies(i -> {
            assertThat(i.number()).isEqualTo("INV-7");
            assertThat(i.lines()).isEqualTo(2);
            assertThat(i.linesSeconds()).isEqualTo(180);
            assertThat(i.linesAmount()).isEqualByComparingTo("0.30");
            assertThat(i.statedAmount()).isEqualByComparingTo("0.35");
        });
        long fileId = ingestion.list(new CarrierId("carrier-a"), 10).get(0).fileId();
        assertThat(files.find(fileId).orElseThrow()).satisfies(f -> {
            assertThat(f.status()).isEqualTo("STORED");
            assertThat(f.source()).isEqualTo(InvoiceIngestion.SOURCE);
            assertThat(f.stored()).isEqualTo(2);
            assertThat(f.quarantined()).isEqualTo(1);
        });
        assertThat(files.quarantined(fileId)).singleElement()
                .satisfies(q -> assertThat(q.reason()).isEqualTo("amount: not a number"));
    }

    @Test
    void anInvoiceNumberTheCarrierSentBeforeIsADuplicateAndStoresNothing() {
        ingestion.accept(invoice("INV-7", "sha-7"));

        ingestion.accept(invoice("INV-7", "sha-7-resent"));

        assertThat(ingestion.list(null, 10)).hasSize(1);
        assertThat(files.recent(1)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("DUPLICATE");
            assertThat(f.duplicates()).isEqualTo(3);
            assertThat(f.reason()).isEqualTo("invoice INV-7 of carrier-a already stored");
        });
    }

    @Test
    void theListIsOneCarriersWhenAskedAndAtMostTheLimit() {
        ingestion.accept(invoice("INV-7", "sha-7"));
        ingestion.accept(invoice("INV-8", "sha-8"));

        assertThat(ingestion.list(new CarrierId("carrier-a"), 1)).extracting(Invoice::number).containsExactly("INV-8");
        assertThat(ingestion.list(new CarrierId("carrier-b"), 10)).isEmpty();
    }

    @Test
    void aFileTheRouteCouldNotReadIsRecordedAsRefused() {
        ingestion.refuse("carrier-a_inv.pdf", "not a CSV invoice");

        assertThat(files.recent(1)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("REFUSED");
            assertThat(f.reason()).isEqualTo("not a CSV invoice");
        });
        assertThat(ingestion.list(null, 10)).isEmpty();
    }

    private static InvoiceFile invoice(String number, String sha256) {
        Instant t = Instant.parse("2026-11-03T09:00:00Z");
        return new InvoiceFile("carrier-a_" + number + ".csv", "carrier-a", sha256, number, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 30), "USD", 180, new BigDecimal("0.35"), 3,
                List.of(new InvoiceFile.Line(2, "c1", t, "+12125550100", "+442071234567", 120, new BigDecimal("0.10"),
                                new BigDecimal("0.20")),
                        new InvoiceFile.Line(3, "c2", t, "+12125550100", "+14165550100", 60, new BigDecimal("0.10"),
                                new BigDecimal("0.10"))),
                List.of(new RejectedLine(4, "c3,...,ten", "amount: not a number")));
    }
}
