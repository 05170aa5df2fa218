package io.trunkline.camel.billing;

import io.trunkline.camel.support.CsvLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A carrier's invoice in Trunkline's invoice CSV, the layout carriers are asked to send (or that an adapter
 * writes from theirs): the carrier is the file name up to the first {@code _}; line 1
 * {@code invoice,<number>,<period start>,<period end>,<currency>}; then a header row naming the columns
 * {@code call_id}, {@code start_utc} (ISO-8601), {@code called}, {@code billed_seconds}, {@code amount}
 * (required) and {@code calling}, {@code rate_per_minute} (optional), in any order; one call per line (a credit,
 * such as an SLA credit, is a line of 0 billed seconds with a negative amount and its reference as call id); and a
 * last line {@code TOTAL} whose {@code billed_seconds} and {@code amount} columns hold the invoice's totals.
 * A bad call line is set aside with its line number and reason; a file without the invoice line, the header
 * or the totals is refused whole. The stated totals are kept as written: whether they match the lines (and
 * the platform's own rating) is the reconciliation's question, not the parser's.
 */
public final class InvoiceCsvParser {

    /** What the invoice tables hold: NUMERIC(18, 6) amounts, NUMERIC(12, 6) rates. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final BigDecimal MAX_RATE = new BigDecimal("1000000");

    public InvoiceFile parse(String fileName, byte[] content) {
        String carrier = RateDeckCsvParser.carrierOf(fileName);
        String[] lines = RateDeckCsvParser.decode(fileName, content).split("\\r?\\n", -1);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                at.add(i);
            }
        }
        if (at.size() < 3) {
            throw new UnreadableFileException(fileName + ": expected the invoice line, a header row and a TOTAL line");
        }
        List<String> invoice = split(fileName, lines[at.get(0)], at.get(0) + 1);
        if (invoice.size() < 5 || !invoice.get(0).trim().equalsIgnoreCase("invoice")) {
            throw new UnreadableFileException(fileName + ": line " + (at.get(0) + 1)
                    + " must be invoice,<number>,<period start>,<period end>,<currency>");
        }
        LocalDate start = date(fileName, invoice.get(2), "period start");
        LocalDate end = date(fileName, invoice.get(3), "period end");
        if (end.isBefore(start)) {
            throw new UnreadableFileException(fileName + ": the period ends (" + end + ") before it starts (" + start + ")");
        }
        if (invoice.get(1).isBlank() || invoice.get(1).trim().length() > 100) {
            throw new UnreadableFileException(fileName + ": the invoice number must be 1 to 100 characters");
        }
        String currency = invoice.get(4).trim().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new UnreadableFileException(fileName + ": currency '" + invoice.get(4) + "' is not an ISO 4217 code");
        }
        Map<String, Integer> columns = header(fileName, split(fileName, lines[at.get(1)], at.get(1) + 1));
        int totalAt = at.get(at.size() - 1);
        List<String> total = split(fileName, lines[totalAt], totalAt + 1);
        if (total.isEmpty() || !total.get(0).trim().equalsIgnoreCase("TOTAL")) {
            throw new UnreadableFileException(fileName + ": the last line must be TOTAL with the invoice's totals "
                    + "(cut off?)");
        }
        long statedSeconds;
        BigDecimal statedAmount;
        try {
            statedSeconds = Long.parseLong(field(total, columns, "billed_seconds").trim());
            statedAmount = new BigDecimal(field(total, columns, "amount").trim());
        } catch (RuntimeException e) {
            throw new UnreadableFileException(fileName + ": TOTAL line " + (totalAt + 1) + ": no readable billed_seconds "
                    + "and amount");
        }
        if (statedAmount.abs().compareTo(MAX_AMOUNT) >= 0 || statedAmount.scale() > 6) {
            throw new UnreadableFileException(fileName + ": TOTAL line " + (totalAt + 1) + ": amount "
                    + statedAmount.toPlainString() + " is beyond 12 digits and 6 decimals");
        }
        List<InvoiceFile.Line> calls = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        for (int k = 2; k < at.size() - 1; k++) {
            int i = at.get(k);
            try {
                calls.add(line(i + 1, CsvLine.split(lines[i]), columns));
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedLine(i + 1, lines[i], e.getMessage()));
            }
        }
        return new InvoiceFile(fileName, carrier, RateDeckCsvParser.sha256(content), invoice.get(1).trim(), start, end, currency,
                statedSeconds, statedAmount, calls.size() + rejected.size(), calls, rejected);
    }

    private static InvoiceFile.Line line(int lineNumber, List<String> f, Map<String, Integer> columns) {
        String callId = field(f, columns, "call_id").trim();
        if (callId.isEmpty() || callId.length() > 200) {
            throw new IllegalArgumentException(callId.isEmpty() ? "call_id: empty" : "call_id: longer than 200 characters");
        }
        Instant start;
        String startText = field(f, columns, "start_utc").trim();
        try {
            start = OffsetDateTime.parse(startText).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("start_utc: '" + startText + "' is not an ISO-8601 time (2026-11-26T15:00:00Z)");
        }
        long seconds;
        String secondsText = field(f, columns, "billed_seconds").trim();
        try {
            seconds = Long.parseLong(secondsText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("billed_seconds: '" + secondsText + "' is not a whole number");
        }
        BigDecimal amount = money(f, columns, "amount");
        // A credit (an SLA credit, an adjustment) is a line of 0 billed seconds with a negative amount, its reference
        // in call_id; a call with a negative amount is a mistake.
        if (seconds < 0 || amount.signum() < 0 && seconds > 0) {
            throw new IllegalArgumentException(seconds < 0 ? "billed_seconds: negative" : "amount: negative "
                    + amount.toPlainString() + " on a call of " + seconds + " s (a credit is a line of 0 billed seconds)");
        }
        if (amount.abs().compareTo(MAX_AMOUNT) >= 0 || amount.scale() > 6) {
            throw new IllegalArgumentException("amount: " + amount.toPlainString() + " is beyond 12 digits and 6 decimals");
        }
        String calling = columns.containsKey("calling") ? field(f, columns, "calling").trim() : null;
        BigDecimal rate = columns.containsKey("rate_per_minute") && !field(f, columns, "rate_per_minute").isBlank()
                ? money(f, columns, "rate_per_minute") : null;
        String called = field(f, columns, "called").trim();
        if (called.length() > 64 || calling != null && calling.length() > 64) {
            throw new IllegalArgumentException("called/calling: longer than 64 characters");
        }
        if (rate != null && (rate.abs().compareTo(MAX_RATE) >= 0 || rate.scale() > 6)) {
            throw new IllegalArgumentException("rate_per_minute: " + rate.toPlainString() + " is beyond 6 digits and 6 decimals");
        }
        return new InvoiceFile.Line(lineNumber, callId, start, calling, called, seconds, rate, amount);
    }

    private static BigDecimal money(List<String> f, Map<String, Integer> columns, String name) {
        String text = field(f, columns, name).trim();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number");
        }
    }

    private static String field(List<String> f, Map<String, Integer> columns, String name) {
        int i = columns.get(name);
        if (i >= f.size()) {
            throw new IllegalArgumentException(name + ": missing (the line has " + f.size() + " columns)");
        }
        return f.get(i);
    }

    private static Map<String, Integer> header(String fileName, List<String> names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            columns.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("call_id", "start_utc", "called", "billed_seconds", "amount")) {
            if (!columns.containsKey(required)) {
                throw new UnreadableFileException(fileName + ": the header row has no column '" + required + "'");
            }
        }
        return columns;
    }

    private static List<String> split(String fileName, String line, int lineNumber) {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException(fileName + ": line " + lineNumber + ": " + e.getMessage());
        }
    }

    private static LocalDate date(String fileName, String text, String what) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UnreadableFileException(fileName + ": " + what + " '" + text + "' is not yyyy-mm-dd");
        }
    }
}
