package io.trunkline.camel.cdr;

import io.trunkline.camel.support.CsvLine;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Asterisk's {@code cdr_csv} ({@code Master.csv}): no header row, every field in double quotes except the
 * durations, in the order accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start,
 * answer, end, duration, billsec, disposition, amaflags, then uniqueid and userfield when cdr.conf logs them.
 * Times are the PBX's local time ({@code yyyy-MM-dd HH:mm:ss}, empty answer for an unanswered call) unless
 * cdr.conf says {@code usegmtime}; the record key is the uniqueid, or the channel and start time without it.
 */
public final class AsteriskCdrCsvParser implements CdrFormat {

    static final String[] COLUMNS = {"accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel",
            "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
            "uniqueid", "userfield"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> DISPOSITIONS = Map.of("ANSWERED", "ANSWERED", "NO ANSWER", "NO_ANSWER",
            "BUSY", "BUSY", "FAILED", "FAILED", "CONGESTION", "CONGESTION");

    private final String source;
    private final ZoneId zone;

    /** @param zone the PBX's time zone ({@code UTC} when cdr.conf has {@code usegmtime=yes}) */
    public AsteriskCdrCsvParser(String source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    @Override
    public int headerLines() {
        return 0;
    }

    @Override
    public LineParser open(String fileName, List<String> header) {
        return this::parseLine;
    }

    /** @throws IllegalArgumentException naming the column and what is wrong with it */
    public CdrRecord parseLine(String line) {
        List<String> f = CsvLine.split(line);
        if (f.size() < 16 || f.size() > 18) {
            throw new IllegalArgumentException("expected 16 to 18 columns (accountcode ... amaflags[, uniqueid, userfield]), got "
                    + f.size());
        }
        Instant start = time(f, 9, true);
        Instant answer = time(f, 10, false);
        Instant end = time(f, 11, true);
        long duration = seconds(f, 12);
        long billsec = seconds(f, 13);
        String disposition = DISPOSITIONS.get(f.get(14).trim());
        if (disposition == null) {
            throw new IllegalArgumentException("column 15 (disposition): '" + f.get(14) + "' is not ANSWERED, NO ANSWER, BUSY, "
                    + "FAILED or CONGESTION");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("column 12 (end): " + f.get(11) + " is before the start " + f.get(9));
        }
        if (billsec > duration) {
            throw new IllegalArgumentException("column 14 (billsec): " + billsec + " s is more than the duration " + duration + " s");
        }
        String key = f.size() > 16 && !f.get(16).isBlank() ? f.get(16) : f.get(5) + "@" + f.get(9);
        return new CdrRecord(source, key, f.get(1), f.get(2), start, answer, end, duration * 1000, billsec * 1000,
                disposition, null, null, f.get(0), f.get(5), f.get(6), trunk(f.get(6)), key);
    }

    /** The peer of a channel name such as {@code PJSIP/trunk-a-00000002}: technology and sequence dropped. */
    static String trunk(String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        int slash = channel.indexOf('/');
        String peer = slash < 0 ? channel : channel.substring(slash + 1);
        int dash = peer.lastIndexOf('-');
        return dash > 0 ? peer.substring(0, dash) : peer;
    }

    private Instant time(List<String> f, int i, boolean required) {
        String text = f.get(i).trim();
        if (text.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): empty");
            }
            return null;
        }
        try {
            return LocalDateTime.parse(text, TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): '" + text
                    + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static long seconds(List<String> f, int i) {
        String text = f.get(i).trim();
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): negative " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): '" + text + "' is not a whole number of seconds");
        }
    }
}
