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
 * answer, end, duration, billsec, disposition, amaflags, then uniqueid and userfield when cdr.conf logs them
 * ({@code loguniqueid}, {@code loguserfield}), then peeraccount, linkedid and sequence with {@code newcdrcolumns}
 * (cdr_csv.c {@code build_csv_record}): 16, 17 or 18 columns, 19 (newcdrcolumns alone) or 21 (all of them). 20
 * columns are refused: newcdrcolumns with only one of uniqueid and userfield, and which one cannot be told.
 * Times are the PBX's local time ({@code yyyy-MM-dd HH:mm:ss}, empty answer for an unanswered call) unless
 * cdr.conf says {@code usegmtime}.
 * <p>
 * Asterisk writes several CDRs with Party A's one uniqueid: a forked Dial ({@code Dial(PJSIP/2002&PJSIP/2003)})
 * gives one per callee channel (cdr.c {@code cdr_object_alloc}). The record key is therefore the uniqueid (or,
 * without it, the channel and start time) followed by what tells that call's CDRs apart: the sequence when
 * logged (a counter cdr.c gives each CDR), else the destination channel when there is one
 * ({@code 1764180000.32/PJSIP/2003-00000022}). The call key is the uniqueid (or channel and start time) alone.
 */
public final class AsteriskCdrCsvParser implements CdrFormat {

    static final String[] COLUMNS = {"accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel",
            "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
            "uniqueid", "userfield"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> DISPOSITIONS = Map.of("ANSWERED", "ANSWERED", "NO ANSWER", "NO_ANSWER",
            "BUSY", "BUSY", "FAILED", "FAILED", "CONGESTION", "CONGESTION",
            // cdr.conf canceldispositionenabled=yes splits NO ANSWER into CANCEL (the caller hung up while it rang)
            // and NO ANSWER; both are a call not answered.
            "CANCEL", "NO_ANSWER");

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
        int n = f.size();
        if (n < 16 || n > 21 || n == 20) {
            throw new IllegalArgumentException("expected 16 to 19 or 21 columns (accountcode ... amaflags[, uniqueid, "
                    + "userfield][, peeraccount, linkedid, sequence]), got " + n);
        }
        LocalDateTime startAt = time(f, 9, true);
        LocalDateTime answerAt = time(f, 10, false);
        LocalDateTime endAt = time(f, 11, true);
        long duration = seconds(f, 12);
        long billsec = seconds(f, 13);
        String uniqueid = n == 17 || n == 18 || n == 21 ? f.get(16) : "";
        Instant[] at = instants(startAt, answerAt, endAt, duration, billsec, created(uniqueid));
        Instant start = at[0];
        Instant answer = at[1];
        Instant end = at[2];
        String disposition = DISPOSITIONS.get(f.get(14).trim());
        if (disposition == null) {
            throw new IllegalArgumentException("column 15 (disposition): '" + f.get(14) + "' is not ANSWERED, NO ANSWER, "
                    + "CANCEL, BUSY, FAILED or CONGESTION");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("column 12 (end): " + f.get(11) + " is before the start " + f.get(9));
        }
        // cdr.conf initiatedseconds=yes rounds billsec up from half a second while duration is truncated
        // (cdr.c cdr_object_get_billsec, cdr_object_get_duration): billsec may exceed duration by 1 s. The call
        // was not billable for longer than it lasted, so the billable time is at most the duration.
        if (billsec > duration + 1) {
            throw new IllegalArgumentException("column 14 (billsec): " + billsec + " s is more than the duration " + duration + " s");
        }
        long billable = Math.min(billsec, duration);
        boolean newColumns = n == 19 || n == 21;
        String call = !uniqueid.isBlank() ? uniqueid : f.get(5) + "@" + f.get(9);
        String key;
        if (newColumns) {
            key = call + "/" + sequence(f, n - 1);
        } else if (!f.get(6).isBlank()) {
            key = call + "/" + f.get(6);
        } else {
            key = call;
        }
        return new CdrRecord(source, key, f.get(1), f.get(2), start, answer, end, duration * 1000, billable * 1000,
                disposition, null, null, f.get(0), f.get(5), f.get(6), trunk(f.get(6)), call);
    }

    /** cdr_csv.c writes the sequence as a bare {@code int} ({@code append_int}, {@code %d}). */
    private static long sequence(List<String> f, int i) {
        String text = f.get(i).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + (i + 1) + " (sequence): '" + text + "' is not a whole number");
        }
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

    /**
     * The instants of a CDR's local times (start, answer or null, end). In the hour the autumn clock change repeats,
     * a local time names two instants: a call over the change ({@code 01:50} CDT to {@code 01:10} CST) would read
     * as ending before it started, and one within the second pass as an hour early. Asterisk's own durations say
     * which was meant (duration is end − start, billsec end − answer, in whole seconds), so of the offsets each
     * time may have, the ones that agree with them best are taken; where both passes agree (a call within the
     * repeated hour), the start nearest the uniqueid (the channel's creation, in epoch seconds) decides, and
     * without one the earlier offset, as everywhere else. A local time the spring change skipped is read as
     * {@code java.time} reads it (moved forward by the gap).
     */
    private Instant[] instants(LocalDateTime start, LocalDateTime answer, LocalDateTime end, long duration,
                               long billsec, Instant created) {
        if (!repeated(start) && (answer == null || !repeated(answer)) && !repeated(end)) {
            // Every other hour of the year: one instant per time.
            return new Instant[] {start.atZone(zone).toInstant(), answer == null ? null : answer.atZone(zone).toInstant(),
                end.atZone(zone).toInstant()};
        }
        List<Instant> answers = answer == null ? java.util.Collections.singletonList(null) : candidates(answer);
        Instant[] best = null;
        long bestMiss = Long.MAX_VALUE;
        long bestDrift = Long.MAX_VALUE;
        for (Instant s : candidates(start)) {
            for (Instant a : answers) {
                for (Instant e : candidates(end)) {
                    long miss = Math.abs(e.getEpochSecond() - s.getEpochSecond() - duration)
                            + (a == null ? 0 : Math.abs(e.getEpochSecond() - a.getEpochSecond() - billsec));
                    long drift = created == null ? 0 : Math.abs(s.getEpochSecond() - created.getEpochSecond());
                    if (miss < bestMiss || miss == bestMiss && drift < bestDrift) {
                        best = new Instant[] {s, a, e};
                        bestMiss = miss;
                        bestDrift = drift;
                    }
                }
            }
        }
        return best;
    }

    /** Whether a local time falls in an hour the clock repeats (an overlap), so it names two instants. */
    private boolean repeated(LocalDateTime t) {
        java.time.zone.ZoneOffsetTransition change = zone.getRules().getTransition(t);
        return change != null && change.isOverlap();
    }

    /** The instants a local time may be in the PBX's zone, the earlier offset first. */
    private List<Instant> candidates(LocalDateTime t) {
        List<java.time.ZoneOffset> offsets = zone.getRules().getValidOffsets(t);
        if (offsets.size() < 2) {
            return List.of(t.atZone(zone).toInstant());
        }
        return offsets.stream().map(t::toInstant).sorted().toList();
    }

    /**
     * The channel's creation from a uniqueid ({@code 1764147600.1}: epoch seconds, a dot, a counter; with
     * asterisk.conf's {@code systemname}, {@code pbx1-1764147600.1}), else null.
     */
    static Instant created(String uniqueid) {
        int dot = uniqueid.lastIndexOf('.');
        String head = dot < 0 ? uniqueid : uniqueid.substring(0, dot);
        String seconds = head.substring(head.lastIndexOf('-') + 1).trim();
        if (seconds.isEmpty() || seconds.length() > 12 || !seconds.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(seconds));
    }

    private LocalDateTime time(List<String> f, int i, boolean required) {
        String text = f.get(i).trim();
        if (text.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): empty");
            }
            return null;
        }
        try {
            return LocalDateTime.parse(text, TIME);
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
