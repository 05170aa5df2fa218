package io.trunkline.camel.billing;

import io.trunkline.camel.support.CsvLine;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Trunkline's rate-deck CSV: a header row naming the columns (any order; {@code prefix},
 * {@code rate_per_minute} and {@code effective_from} required; {@code offpeak_rate_per_minute},
 * {@code connection_fee}, {@code effective_until} and {@code description} optional), then one rate per line. The carrier is the file name up to its first
 * {@code _} or {@code .} ({@code carrier-a_2026-12.csv} belongs to {@code carrier-a}).
 *
 * <p>A line that breaks the format is rejected with its number and reason and the rest of the file is
 * still read; a file that cannot be read as a whole (not UTF-8, no header) is refused with
 * {@link UnreadableFileException}.
 */
public final class RateDeckCsvParser {

    private static final Pattern CARRIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("[1-9][0-9]{0,14}");
    private static final BigDecimal MAX_RATE = new BigDecimal("1000");

    public RateDeckFile parse(String fileName, byte[] content) {
        String carrier = carrierOf(fileName);
        List<RateDeckXlsx.Row> rows = fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")
                ? RateDeckXlsx.rows(fileName, content) : csvRows(fileName, content);
        if (rows.isEmpty()) {
            throw new UnreadableFileException(fileName + ": empty file, expected a header row");
        }
        RateDeckXlsx.Row header = rows.get(0);
        if (header.error() != null) {
            throw new UnreadableFileException(fileName + ": header row: " + header.error());
        }
        Columns columns = Columns.of(fileName, header.fields());

        List<RateDeckLine> rates = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        int read = 0;
        for (RateDeckXlsx.Row row : rows.subList(1, rows.size())) {
            read++;
            try {
                if (row.error() != null) {
                    throw new IllegalArgumentException(row.error());
                }
                rates.add(columns.line(row.lineNumber(), row.fields()));
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedLine(row.lineNumber(), row.raw(), e.getMessage()));
            }
        }
        return new RateDeckFile(fileName, carrier, sha256(content), read, rates, rejected);
    }

    /** The non-blank lines of a CSV deck, split; a line that cannot be split carries its reason. */
    private static List<RateDeckXlsx.Row> csvRows(String fileName, byte[] content) {
        String[] lines = decode(fileName, content).split("\r?\n", -1);
        List<RateDeckXlsx.Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                rows.add(new RateDeckXlsx.Row(i + 1, lines[i], CsvLine.split(lines[i]), null));
            } catch (IllegalArgumentException e) {
                rows.add(new RateDeckXlsx.Row(i + 1, lines[i], null, e.getMessage()));
            }
        }
        return rows;
    }

    static String carrierOf(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int end = base.length();
        for (char sep : new char[]{'_', '.'}) {
            int at = base.indexOf(sep);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String carrier = base.substring(0, end).toLowerCase(Locale.ROOT);
        if (!CARRIER.matcher(carrier).matches()) {
            throw new UnreadableFileException(fileName + ": file name must start with the carrier id "
                    + "(letters, digits, '-') followed by '_' or '.', e.g. carrier-a_2026-12.csv");
        }
        return carrier;
    }

    /** UTF-8 text, a byte-order mark dropped; anything else refuses the file. */
    static String decode(String fileName, byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(fileName + ": not UTF-8 text (" + e.getMessage() + ")");
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Column positions from the header row. */
    private record Columns(int count, int prefix, int rate, int offPeak, int fee, int from, int until, int description) {

        static Columns of(String fileName, List<String> names) {
            int prefix = -1;
            int rate = -1;
            int offPeak = -1;
            int fee = -1;
            int from = -1;
            int until = -1;
            int description = -1;
            for (int i = 0; i < names.size(); i++) {
                switch (names.get(i).trim().toLowerCase(Locale.ROOT)) {
                    case "prefix" -> prefix = i;
                    case "rate_per_minute" -> rate = i;
                    case "offpeak_rate_per_minute" -> offPeak = i;
                    case "effective_until" -> until = i;
                    case "connection_fee" -> fee = i;
                    case "effective_from" -> from = i;
                    case "description" -> description = i;
                    default -> {
                        // Extra provider columns are tolerated and ignored.
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            if (prefix < 0) {
                missing.add("prefix");
            }
            if (rate < 0) {
                missing.add("rate_per_minute");
            }
            if (from < 0) {
                missing.add("effective_from");
            }
            if (!missing.isEmpty()) {
                throw new UnreadableFileException(fileName + ": header row lacks column(s) " + String.join(", ", missing));
            }
            return new Columns(names.size(), prefix, rate, offPeak, fee, from, until, description);
        }

        RateDeckLine line(int lineNumber, List<String> f) {
            if (f.size() != count) {
                throw new IllegalArgumentException("expected " + count + " fields, found " + f.size());
            }
            String prefixValue = f.get(prefix).trim();
            if (prefixValue.startsWith("+")) {
                prefixValue = prefixValue.substring(1);
            }
            if (!PREFIX.matcher(prefixValue).matches()) {
                throw new IllegalArgumentException("prefix '" + f.get(prefix) + "' is not 1-15 digits of an E.164 number");
            }
            BigDecimal ratePerMinute = money("rate_per_minute", f.get(rate));
            BigDecimal connectionFee = fee < 0 || f.get(fee).isBlank() ? BigDecimal.ZERO : money("connection_fee", f.get(fee));
            BigDecimal offPeakRate = offPeak < 0 || f.get(offPeak).isBlank() ? null : money("offpeak_rate_per_minute", f.get(offPeak));
            LocalDate effective = date("effective_from", f.get(from));
            LocalDate ends = until < 0 || f.get(until).isBlank() ? null : date("effective_until", f.get(until));
            if (ends != null && !ends.isAfter(effective)) {
                throw new IllegalArgumentException("effective_until " + ends + " is not after effective_from " + effective);
            }
            String desc = description < 0 ? "" : f.get(description).trim();
            return new RateDeckLine(lineNumber, prefixValue, ratePerMinute, offPeakRate, connectionFee, effective, ends, desc);
        }

        private static LocalDate date(String column, String value) {
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(column + " '" + value + "' is not a date (yyyy-mm-dd)");
            }
        }

        private static BigDecimal money(String column, String value) {
            BigDecimal v;
            try {
                v = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(column + " '" + value + "' is not a number");
            }
            if (v.signum() < 0) {
                throw new IllegalArgumentException(column + " " + v.toPlainString() + " is negative");
            }
            if (v.compareTo(MAX_RATE) > 0) {
                throw new IllegalArgumentException(column + " " + v.toPlainString() + " exceeds " + MAX_RATE + " per minute");
            }
            return v;
        }
    }
}
