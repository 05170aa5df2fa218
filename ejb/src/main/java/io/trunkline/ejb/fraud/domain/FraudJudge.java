package io.trunkline.ejb.fraud.domain;

import io.trunkline.rules.fraud.FraudCheck;
import io.trunkline.rules.fraud.FraudCheck.Action;
import io.trunkline.rules.fraud.FraudCheck.Counter;
import io.trunkline.rules.fraud.FraudCheck.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges one call on the rows of the fraud rulebook that apply to it: blocks in force first, then restriction rows,
 * then each velocity row on its counter (counted once per subject and filter, this call included). The verdict is
 * the gravest action any row took; every row that acted is a {@link Hit} with its counter, value and threshold, and
 * the trace says it in words. Emergency calls are never held back (the caller does not ask for them).
 */
public final class FraudJudge {

    private static final Pattern DELAY = Pattern.compile("(\\d+)\\s*([smhd])");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9+*#._-]");

    /** What the platform does with the call. */
    public enum Outcome { ALLOW, ALERT, BLOCK }

    /**
     * One row that acted, or a block in force.
     *
     * @param level WARNING, CRITICAL, RESTRICTION or BLOCKED
     */
    public record Hit(String rule, String subject, Counter counter, BigDecimal value, BigDecimal threshold, String level,
                      Action action, String text) {
    }

    /** The call as the judge sees it: the extension as the PBX sent it, the destination as classified. */
    public record Call(String callId, io.trunkline.contract.telecom.PbxId pbx, String extension, String callClass,
                       String destination) {
    }

    /** The verdict, the hits, the trace lines and the blocks this call caused. */
    public record Verdict(Outcome outcome, List<Hit> hits, List<String> trace, List<Block> newBlocks) {
    }

    private final FraudCounters counters;
    private final Function<String, Optional<Block>> blocks;
    private final long maxCallSeconds;

    public FraudJudge(FraudCounters counters, Function<String, Optional<Block>> blocks, long maxCallSeconds) {
        this.counters = counters;
        this.blocks = blocks;
        this.maxCallSeconds = maxCallSeconds;
    }

    /** The subject key of the extension: the calling user as sent, unsafe characters replaced, at most 64. */
    public static String extensionKey(Call call) {
        String ext = call.extension() == null || call.extension().isBlank() ? "anonymous" : call.extension();
        if (!safe(ext)) {
            ext = UNSAFE.matcher(ext).replaceAll("_");
        }
        // The same text {@code FraudSubject.extension(pbx, ext).key()} makes, without validating what is valid by now.
        return "ext:" + call.pbx().value() + "/" + (ext.length() > 64 ? ext.substring(0, 64) : ext);
    }

    private static boolean safe(String ext) {
        for (int i = 0; i < ext.length(); i++) {
            char c = ext.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "+*#._-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The subject a row counts or blocks for this call, given the call's {@link #extensionKey}. */
    private static String subjectOf(Row row, String extensionKey, Call call) {
        return switch (row.scope()) {
            case EXTENSION -> extensionKey;
            case PBX -> "pbx:" + call.pbx().value();
            case PREFIX -> "prefix:" + (row.prefix() == null ? "*" : row.prefix());
        };
    }

    /** The key a call is held open by in the concurrency counters: short, whatever the Call-ID's length. */
    public static String openKey(String callId) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] bytes = callId.getBytes(StandardCharsets.UTF_8);
        crc.update(bytes);
        return Long.toHexString(crc.getValue()) + Integer.toHexString(callId.hashCode());
    }

    public Verdict judge(Call call, FraudCheck check, Instant at) {
        long second = at.getEpochSecond();
        String extKey = extensionKey(call);
        List<Hit> hits = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        List<Block> newBlocks = new ArrayList<>();

        Optional<Block> blocked = blockOf(call, extKey, check, at);
        if (blocked.isPresent()) {
            Block b = blocked.get();
            String text = "fraud: " + b.subject() + " blocked until " + b.until() + " by " + b.by() + " (" + b.reason() + ")";
            hits.add(new Hit(b.by(), b.subject(), null, null, null, "BLOCKED", Action.BLOCK, text));
            trace.add(text);
            return new Verdict(Outcome.BLOCK, hits, trace, newBlocks);
        }
        if (check.getRows().isEmpty()) {
            trace.add("fraud: no row applies");
            return new Verdict(Outcome.ALLOW, hits, trace, newBlocks);
        }

        Outcome outcome = Outcome.ALLOW;
        // Velocity rows: one count per subject and filter, with every counter its rows read.
        Map<String, Set<Counter>> reads = new LinkedHashMap<>();
        for (Row r : check.getRows()) {
            if (r.counter() != null) {
                reads.computeIfAbsent(subjectOf(r, extKey, call) + "\u0000" + r.filter(), k -> EnumSet.noneOf(Counter.class))
                        .add(r.counter());
            }
        }
        String open = openKey(call.callId());
        Map<String, SubjectCounters.Values> values = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Counter>> e : reads.entrySet()) {
            String[] key = e.getKey().split("\u0000", 2);
            values.put(e.getKey(), counters.subject(key[0], second)
                    .count(key[1], e.getValue(), call.destination(), open, second, maxCallSeconds));
            counters.changed(key[0]);
        }

        for (Row r : check.getRows()) {
            String subject = subjectOf(r, extKey, call);
            if (r.counter() == null) {
                if (r.action() == Action.ALLOW) {
                    trace.add("fraud " + r.rule() + ": allowed, no row below applies");
                    continue;
                }
                String text = "fraud " + r.rule() + ": " + describeRestriction(r, call) + " -> " + r.action();
                hits.add(new Hit(r.rule(), subject, null, null, null, "RESTRICTION", r.action(), text));
                trace.add(text);
                outcome = graver(outcome, r.action());
                if (r.action() == Action.BLOCK_SOURCE) {
                    newBlocks.add(block(subject, r, text, at));
                }
                continue;
            }
            SubjectCounters.Values v = values.get(subject + "\u0000" + r.filter());
            BigDecimal value = v.of(r.counter());
            boolean judged = r.counter() != Counter.SHORT_CALL_RATIO || r.minCalls() == null || v.answered() >= r.minCalls();
            if (!judged) {
                trace.add(line(r, subject, value) + " not judged below " + r.minCalls() + " answered calls");
            } else if (r.critical() != null && value.compareTo(r.critical()) >= 0) {
                String text = line(r, subject, value) + " reached critical " + r.critical().toPlainString() + " -> "
                        + r.action();
                hits.add(new Hit(r.rule(), subject, r.counter(), value, r.critical(), "CRITICAL", r.action(), text));
                trace.add(text);
                outcome = graver(outcome, r.action());
                if (r.action() == Action.BLOCK_SOURCE) {
                    newBlocks.add(block(subject, r, text, at));
                    counters.subject(subject, second).clear(r.filter());
                    counters.changed(subject);
                }
            } else if (r.warning() != null && value.compareTo(r.warning()) >= 0) {
                String text = line(r, subject, value) + " reached warning " + r.warning().toPlainString() + " -> ALERT";
                hits.add(new Hit(r.rule(), subject, r.counter(), value, r.warning(), "WARNING", Action.ALERT, text));
                trace.add(text);
                outcome = graver(outcome, Action.ALERT);
            } else {
                trace.add(line(r, subject, value) + " below " + (r.warning() != null
                        ? "warning " + r.warning().toPlainString() : "critical " + r.critical().toPlainString()));
            }
        }
        if (outcome == Outcome.BLOCK) {
            // The call does not go: it holds no channel in the concurrency counters.
            for (String key : reads.keySet()) {
                String[] k = key.split("\u0000", 2);
                counters.subject(k[0], second).notOpened(k[1], open);
                counters.changed(k[0]);
            }
        }
        return new Verdict(outcome, hits, trace, newBlocks);
    }

    /** A call's end, for every subject and filter its rows count: closes it, adds answered, short and spend. */
    public void ended(Call call, FraudCheck check, boolean answered, boolean shortCall, BigDecimal cost, Instant at) {
        long second = at.getEpochSecond();
        long micros = cost == null ? 0 : cost.movePointRight(6).longValue();
        String open = openKey(call.callId());
        Set<String> done = new java.util.HashSet<>();
        String extKey = extensionKey(call);
        for (Row r : check.getRows()) {
            if (r.counter() != null) {
                String subject = subjectOf(r, extKey, call);
                if (done.add(subject + "\u0000" + r.filter())) {
                    counters.subject(subject, second).ended(r.filter(), open, answered, shortCall, micros, second);
                    counters.changed(subject);
                }
            }
        }
    }

    /** The start of a velocity row's trace line: row, scope, subject, counter, filter and value. */
    private static String line(Row r, String subject, BigDecimal value) {
        return "fraud " + r.rule() + ": " + r.scope() + " " + subject + " " + r.counter() + " [" + r.filter() + "] = "
                + value.toPlainString();
    }

    private Optional<Block> blockOf(Call call, String extKey, FraudCheck check, Instant at) {
        List<String> subjects = new ArrayList<>();
        subjects.add(extKey);
        subjects.add("pbx:" + call.pbx().value());
        for (Row r : check.getRows()) {
            if (r.prefix() != null) {
                subjects.add("prefix:" + r.prefix());
            }
        }
        for (String s : subjects) {
            Optional<Block> b = blocks.apply(s);
            if (b.isPresent() && b.get().activeAt(at)) {
                return b;
            }
        }
        return Optional.empty();
    }

    private static Block block(String subject, Row r, String reason, Instant at) {
        return new Block(subject, r.rule(), reason, at, at.plus(duration(r.blockFor())));
    }

    /** {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}; an hour when the row leaves it blank. */
    public static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ofHours(1);
        }
        Matcher m = DELAY.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("block duration '" + text + "' is not a number and s, m, h or d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String describeRestriction(Row r, Call call) {
        String[] filter = r.filter().split("\\|", 2);
        StringBuilder b = new StringBuilder("call from ").append(call.pbx().value()).append(" to ").append(call.destination())
                .append(" (").append(call.callClass()).append(")");
        if (!"*".equals(filter[1])) {
            b.append(" matches ").append(r.prefix());
        }
        return b.toString();
    }

    private static Outcome graver(Outcome current, Action action) {
        Outcome o = switch (action) {
            case ALLOW -> Outcome.ALLOW;
            case ALERT -> Outcome.ALERT;
            case BLOCK, BLOCK_SOURCE -> Outcome.BLOCK;
        };
        return o.ordinal() > current.ordinal() ? o : current;
    }
}
