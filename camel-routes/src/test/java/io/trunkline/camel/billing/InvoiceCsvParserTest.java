package io.trunkline.camel.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Invoice fixtures in the documented layout (invoice line, header, call lines, TOTAL). */
class InvoiceCsvParserTest {

    private final InvoiceCsvParser parser = new InvoiceCsvParser();

    private static byte[] fixture(String path) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/invoice", path));
    }

    @Test
    void anInvoiceGivesItsCallsAndItsStatedTotals() throws Exception {
        InvoiceFile f = parser.parse("carrier-b_INV-2026-11.csv", fixture("valid/carrier-b_INV-2026-11.csv"));
        assertThat(f.carrier()).isEqualTo("carrier-b");
        assertThat(f.number()).isEqualTo("INV-2026-11");
        assertThat(f.periodStart()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(f.periodEnd()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(f.currency()).isEqualTo("USD");
        assertThat(f.rejected()).isEmpty();
        assertThat(f.linesRead()).isEqualTo(3);
        assertThat(f.lines()).extracting(InvoiceFile.Line::callId).containsExactly("B-9001", "B-9002", "B-9003");
        InvoiceFile.Line first = f.lines().get(0);
        assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(first.called()).isEqualTo("+442071234567");
        assertThat(first.billedSeconds()).isEqualTo(66);
        assertThat(first.amount()).isEqualByComparingTo("0.0165");
        assertThat(first.lineNumber()).isEqualTo(3);
        assertThat(f.statedSeconds()).isEqualTo(252);
        assertThat(f.statedAmount()).isEqualByComparingTo("0.063");
        assertThat(f.linesAmount()).isEqualByComparingTo(f.statedAmount());
        assertThat(f.linesSeconds()).isEqualTo(f.statedSeconds());
    }

    @Test
    void badCallLinesAreSetAsideAndTheTotalsKeptAsStated() throws Exception {
        InvoiceFile f = parser.parse("carrier-b_INV-2026-12.csv", fixture("invalid/carrier-b_INV-2026-12.csv"));
        assertThat(f.lines()).extracting(InvoiceFile.Line::callId).containsExactly("B-9101");
        assertThat(f.rejected()).extracting(RejectedLine::lineNumber).containsExactly(4, 5, 6, 7);
        assertThat(f.rejected()).extracting(RejectedLine::reason).containsExactly(
                "start_utc: '01/12/2026 10:05' is not an ISO-8601 time (2026-11-26T15:00:00Z)",
                "billed_seconds: 'sixty' is not a whole number",
                "call_id: empty",
                "amount: negative -0.0150 on a call of 60 s (a credit is a line of 0 billed seconds)");
        assertThat(f.statedAmount()).as("as the carrier wrote it").isEqualByComparingTo("0.078");
        assertThat(f.linesAmount()).isEqualByComparingTo("0.0165");
    }

    @Test
    void aCreditIsALineOfNoBilledSecondsWithANegativeAmount() {
        InvoiceFile f = parser.parse("carrier-a_INV-CA-2026-11.csv", String.join("\n",
                "invoice,INV-CA-2026-11,2026-11-01,2026-11-30,EUR",
                "call_id,start_utc,called,billed_seconds,amount",
                "A-1,2026-11-03T10:00:00Z,+442071234567,60,0.01",
                "SLA-12,2026-11-30T00:00:00Z,SLA credit 2026-10,0,-1200.00",
                "TOTAL,,,60,-1199.99").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(f.rejected()).isEmpty();
        assertThat(f.lines()).extracting(InvoiceFile.Line::callId).containsExactly("A-1", "SLA-12");
        assertThat(f.linesAmount()).isEqualByComparingTo("-1199.99");
    }

    @Test
    void anInvoiceWithoutItsInvoiceLineOrTotalsIsRefused() {
        assertThatThrownBy(() -> parser.parse("carrier-b_no-total.csv", fixture("invalid/carrier-b_no-total.csv")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("carrier-b_no-total.csv: the last line must be TOTAL with the invoice's totals (cut off?)");
        assertThatThrownBy(() -> parser.parse("carrier-b_x.csv", fixture("invalid/carrier-b_no-invoice-line.csv")))
                .hasMessage("carrier-b_x.csv: line 1 must be invoice,<number>,<period start>,<period end>,<currency>");
    }

    @Test
    void valuesBeyondWhatTheInvoiceTablesHoldAreSetAside() {
        String csv = "invoice,INV-9,2026-11-01,2026-11-30,USD\n"
                + "call_id,start_utc,called,billed_seconds,amount,rate_per_minute\n"
                + "C-1,2026-11-26T15:00:00Z,+442071234567,60,10000000000000,0.01\n"
                + "C-2,2026-11-26T15:00:00Z,+442071234567,60,0.01,0.0000001\n"
                + "C".repeat(201) + ",2026-11-26T15:00:00Z,+442071234567,60,0.01,0.01\n"
                + "C-4,2026-11-26T15:00:00Z,+442071234567,60,0.01,0.01\n"
                + "TOTAL,,,240,0.04,\n";
        InvoiceFile f = parser.parse("carrier-b_INV-9.csv", csv.getBytes());
        assertThat(f.lines()).extracting(InvoiceFile.Line::callId).containsExactly("C-4");
        assertThat(f.rejected()).extracting(RejectedLine::reason).containsExactly(
                "amount: 10000000000000 is beyond 12 digits and 6 decimals",
                "rate_per_minute: 0.0000001 is beyond 6 digits and 6 decimals",
                "call_id: longer than 200 characters");
        assertThatThrownBy(() -> parser.parse("carrier-b_INV-9.csv", csv.replace("INV-9", "I".repeat(101)).getBytes()))
                .hasMessage("carrier-b_INV-9.csv: the invoice number must be 1 to 100 characters");
        assertThatThrownBy(() -> parser.parse("carrier-b_INV-9.csv", csv.replace("240,0.04", "240,10000000000000.04").getBytes()))
                .hasMessage("carrier-b_INV-9.csv: TOTAL line 7: amount 10000000000000.04 is beyond 12 digits and 6 decimals");
    }
}
