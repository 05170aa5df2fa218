package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.camel.support.CsvLine;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A carrier's CSV call records read through a column mapping kept in configuration, since every carrier
 * names and formats its columns its own way. The file has a header row; the mapping names, for each field,
 * the carrier's column: {@code key} (the carrier's record id), {@code calling}, {@code called}, {@code start}
 * and {@code duration} are required, {@code answered} (yes/no, true/false, 1/0, or the answer time in the date
 * format, empty for a call not answered; anything else sets the line aside) and {@code code} (the
 * final SIP response code, which also tells busy, no answer and rejected apart) optional; the date
 * format, time zone and duration unit ({@code s}, {@code ms}, {@code min}) are the carrier's.
 */
public final class CarrierCdrCsvParser implements CdrFormat {

    /** How one carrier's files are read. */
    public record Mapping(String carrier, Map<String, String> columns, DateTimeFormatter dateFormat, ZoneId zone,
                          String durationUnit) {

        static final List<String> REQUIRED = List.of("key", "calling", "called", "start", "duration");

        public Mapping {
            // Kept in the order configured, so that a file missing columns is refused naming the first of them.
            columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
            for (String field : REQUIRED) {
                if (!columns.containsKey(field)) {
                    throw new IllegalArgumentException("carrier " + carrier + ": the mapping names no column for '" + field + "'");
                }
            }
            if (!List.of("s", "ms", "min").contains(durationUnit)) {
                throw new IllegalArgumentException("carrier " + carrier + ": duration unit '" + durationUnit + "' is not s, ms or min");
            }
        }

        /**
         * From {@code cdr.<carrier>.columns=key:CallID,calling:ANI,...}, {@code cdr.<carrier>.date-format},
         * {@code cdr.<carrier>.zone}, {@code cdr.<carrier>.duration-unit}.
         *
         * @throws IllegalArgumentException naming the key at fault
         */
        public static Mapping from(String carrier, Properties p) {
            return from(carrier, p, "cdr." + carrier + ".");
        }

        /** The same keys under another prefix (a CDR source's block, {@code cdr.source.<id>.}). */
        public static Mapping from(String carrier, Properties p, String prefix) {
            String spec = p.getProperty(prefix + "columns");
            if (spec == null || spec.isBlank()) {
                throw new IllegalArgumentException(prefix + "columns is required");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (String pair : spec.split(",")) {
                int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1) {
                    throw new IllegalArgumentException(prefix + "columns: '" + pair.trim() + "' is not field:Column");
                }
                columns.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            }
            DateTimeFormatter format;
            try {
                format = DateTimeFormatter.ofPattern(p.getProperty(prefix + "date-format", "yyyy-MM-dd HH:mm:ss").trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "date-format: " + e.getMessage(), e);
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(p.getProperty(prefix + "zone", "UTC").trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(prefix + "zone: " + e.getMessage(), e);
            }
            return new Mapping(carrier, columns, format, zone, p.getProperty(prefix + "duration-unit", "s").trim());
        }
    }

    private final Mapping mapping;

    public CarrierCdrCsvParser(Mapping mapping) {
        this.mapping = mapping;
    }

    /** A header row naming the mapped columns, then one record per line. */
    @Override
    public int headerLines() {
        return 1;
    }

    @Override
    public LineParser open(String fileName, List<String> header) {
        if (header.isEmpty()) {
            throw new UnreadableFileException("no header row");
        }
        Map<String, Integer> index;
        try {
            index = header(CsvLine.split(header.get(0)));
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException(e.getMessage());
        }
        return line -> record(CsvLine.split(line), index);
    }

    private Map<String, Integer> header(List<String> names) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Map<String, Integer> index = new HashMap<>();
        for (Map.Entry<String, String> c : mapping.columns().entrySet()) {
            Integer at = byName.get(c.getValue().toLowerCase(Locale.ROOT));
            if (at == null) {
                throw new IllegalArgumentException("header row has no column '" + c.getValue() + "' (mapped to "
                        + c.getKey() + " for carrier " + mapping.carrier() + ")");
            }
            index.put(c.getKey(), at);
        }
        return index;
    }

    private CdrRecord record(List<String> f, Map<String, Integer> index) {
        String key = value(f, index, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException(column(index, "key") + ": empty");
        }
        Instant start = time(f, index, "start");
        String durationText = value(f, index, "duration");
        long durationMs;
        try {
            double amount = Double.parseDouble(durationText);
            if (amount < 0) {
                throw new NumberFormatException();
            }
            durationMs = Math.round(amount * switch (mapping.durationUnit()) {
                case "ms" -> 1;
                case "min" -> 60_000;
                default -> 1_000;
            });
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column(index, "duration") + ": '" + durationText + "' is not a duration in "
                    + mapping.durationUnit());
        }
        boolean answered = durationMs > 0;
        Instant answeredAt = answered ? start : null;
        if (index.containsKey("answered")) {
            answeredAt = answered(f, index, start);
            answered = answeredAt != null;
        }
        Integer code = null;
        if (index.containsKey("code")) {
            String c = value(f, index, "code").trim();
            try {
                code = c.isEmpty() ? null : Integer.valueOf(c);
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (code != null && (code < 100 || code > 699)) {
                throw new IllegalArgumentException(column(index, "code") + ": '" + c + "' is not a SIP response code");
            }
            if (code != null && !index.containsKey("answered")) {
                answered = code >= 200 && code < 300;
                answeredAt = answered ? start : null;
            }
        }
        String disposition = answered ? "ANSWERED" : code == null ? "FAILED" : switch (code) {
            case 486, 600 -> "BUSY";
            case 408, 480, 487 -> "NO_ANSWER";
            case 603 -> "REJECTED";
            case 503 -> "CONGESTION";
            default -> "FAILED";
        };
        // The duration is what the carrier counts from the answer (billed when answered); with an answer time
        // after the start the call ends that long after the answer and lasted from the start to then.
        Instant end = answered ? answeredAt.plusMillis(durationMs) : start.plusMillis(durationMs);
        return new CdrRecord(mapping.carrier(), key, value(f, index, "calling"), value(f, index, "called"), start, answeredAt,
                end, end.toEpochMilli() - start.toEpochMilli(), answered ? durationMs : 0, disposition, code,
                null, null, null, null, null, key);
    }

    private static final List<String> YES = List.of("yes", "true", "1", "y", "answered");
    private static final List<String> NO = List.of("no", "false", "0", "n", "");

    /**
     * The answered column: yes/no, true/false, 1/0 (y/n, answered), or the answer time in the carrier's date format;
     * empty is not answered.
     *
     * @return when the call was answered (the start for a yes), null when it was not
     */
    private Instant answered(List<String> f, Map<String, Integer> index, Instant start) {
        String text = value(f, index, "answered").trim();
        String word = text.toLowerCase(Locale.ROOT);
        if (YES.contains(word)) {
            return start;
        }
        if (NO.contains(word)) {
            return null;
        }
        Instant at;
        try {
            at = LocalDateTime.parse(text, mapping.dateFormat()).atZone(mapping.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column(index, "answered") + ": '" + text + "' is not yes/no, true/false, "
                    + "1/0 or a time in the carrier's date format");
        }
        if (at.isBefore(start)) {
            throw new IllegalArgumentException(column(index, "answered") + ": " + text + " is before the start "
                    + value(f, index, "start").trim());
        }
        return at;
    }

    private Instant time(List<String> f, Map<String, Integer> index, String field) {
        String text = value(f, index, field).trim();
        try {
            return LocalDateTime.parse(text, mapping.dateFormat()).atZone(mapping.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column(index, field) + ": '" + text + "' does not match the carrier's date format");
        }
    }

    private String value(List<String> f, Map<String, Integer> index, String field) {
        int at = index.get(field);
        if (at >= f.size()) {
            throw new IllegalArgumentException(column(index, field) + ": missing (the line has " + f.size() + " columns)");
        }
        return f.get(at);
    }

    private String column(Map<String, Integer> index, String field) {
        return "column " + (index.get(field) + 1) + " (" + mapping.columns().get(field) + ")";
    }

}
