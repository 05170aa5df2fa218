package io.trunkline.ejb.replay.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.ejb.replay.domain.CallReplay.Replayed;
import io.trunkline.ejb.replay.domain.CallReplay.Side;
import io.trunkline.ejb.replay.domain.ReplayReport.ChangedCall;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds up replayed calls. One per thread, merged at the end: every figure is a count or an exact sum, and the sample
 * is the earliest changed calls by start and id, so the report is the same however the calls were split.
 */
public final class ReplayTally {

    /** A decision-table row as Drools names it: the table's name and the spreadsheet row, e.g. RoutingPolicy_12. */
    private static final Pattern ROW = Pattern.compile("\\b([A-Z][A-Za-z]+_\\d+)\\b");
    /** Distinct reasons kept for undecidable calls and for refusals; the rest are counted under one. */
    static final int REASONS = 50;
    static final String OTHER_REASONS = "(other reasons)";
    private static final Comparator<ChangedCall> EARLIEST = Comparator.comparing(ChangedCall::startedAt)
            .thenComparing(ChangedCall::call).thenComparing(ChangedCall::recordedBy);

    private final int sampleSize;
    private long decided;
    private long fromEdge;
    private long fromCdrs;
    private long inboundCdrs;
    private final Map<String, Long> undecidable = new TreeMap<>();
    private long orderChanged;
    private long newlyRefused;
    private long newlyRouted;
    private long refusalChanged;
    private long attestationChanged;
    private final Map<RefusalKey, Long> refusals = new TreeMap<>(Comparator.comparingInt(RefusalKey::sipCode)
            .thenComparing(RefusalKey::row).thenComparing(RefusalKey::reason));
    private long answered;
    private long ratedBefore;
    private long ratedAfter;
    private long unratedBefore;
    private long unratedAfter;
    private final Map<String, BigDecimal> costBefore = new TreeMap<>();
    private final Map<String, BigDecimal> costAfter = new TreeMap<>();
    private final Map<String, GroupTally> byPbx = new TreeMap<>();
    private final Map<String, GroupTally> byClass = new TreeMap<>();
    private final Map<String, GroupTally> byCarrier = new TreeMap<>();
    /** The latest-starting of the kept sample on top, to be dropped for an earlier one. */
    private final PriorityQueue<ChangedCall> sample;

    public ReplayTally(int sampleSize) {
        this.sampleSize = sampleSize;
        this.sample = new PriorityQueue<>(Math.max(1, Math.min(sampleSize, 1024)), EARLIEST.reversed());
    }

    /** A refusal as counted: code (0 for none), row ("" for none) and reason. */
    private record RefusalKey(int sipCode, String row, String reason) {
    }

    private static final class GroupTally {
        long callsBefore;
        long callsAfter;
        long changed;
        final Map<String, BigDecimal> costBefore = new TreeMap<>();
        final Map<String, BigDecimal> costAfter = new TreeMap<>();

        void merge(GroupTally o) {
            callsBefore += o.callsBefore;
            callsAfter += o.callsAfter;
            changed += o.changed;
            o.costBefore.forEach((c, v) -> costBefore.merge(c, v, BigDecimal::add));
            o.costAfter.forEach((c, v) -> costAfter.merge(c, v, BigDecimal::add));
        }
    }

    public void add(Replayed r) {
        if (r.leftOut() != null) {
            inboundCdrs++;
            return;
        }
        if (!r.decided()) {
            undecidable.merge(reasonKey(r.undecidable()), 1L, Long::sum);
            return;
        }
        decided++;
        if (r.call().fromEdge()) {
            fromEdge++;
        } else {
            fromCdrs++;
        }
        Side b = r.before();
        Side a = r.after();
        String change = change(b, a);
        boolean answeredCall = r.call().answered();
        if (answeredCall) {
            answered++;
        }
        if (b.cost() != null) {
            ratedBefore++;
            costBefore.merge(b.currency(), b.cost(), BigDecimal::add);
        } else if (b.unrated(answeredCall)) {
            unratedBefore++;
        }
        if (a.cost() != null) {
            ratedAfter++;
            costAfter.merge(a.currency(), a.cost(), BigDecimal::add);
        } else if (a.unrated(answeredCall)) {
            unratedAfter++;
        }
        boolean changed = change != null;
        String pbx = r.call().pbx() == null ? "(none)" : r.call().pbx();
        count(byPbx, pbx, pbx, b, a, changed);
        count(byClass, classOf(b), classOf(a), b, a, changed);
        count(byCarrier, b.carrier(), a.carrier(), b, a, changed);
        if (changed) {
            keep(r, change);
        }
    }

    /** The reason an undecidable call is counted under: its own while fewer than {@link #REASONS} are kept. */
    private String reasonKey(String reason) {
        return undecidable.size() < REASONS || undecidable.containsKey(reason) ? reason : OTHER_REASONS;
    }

    /**
     * The group a refusal is counted in: its own while fewer than {@link #REASONS} are kept (a reason may quote the
     * number), else its code and row's under {@link #OTHER_REASONS}.
     */
    private RefusalKey refusalKey(RefusalKey key) {
        return refusals.size() < REASONS || refusals.containsKey(key) ? key
                : new RefusalKey(key.sipCode(), key.row(), OTHER_REASONS);
    }

    /** What kind of change the draft makes to a call, null for none. */
    private String change(Side b, Side a) {
        if (b.routed() && a.routed()) {
            if (!order(b.decision()).equals(order(a.decision()))) {
                orderChanged++;
                return "ORDER";
            }
            if (!Objects.equals(attestation(b.decision()), attestation(a.decision()))) {
                attestationChanged++;
                return "ATTESTATION";
            }
            return null;
        }
        if (b.routed()) {
            newlyRefused++;
            RouteDecision d = a.decision();
            String row = rowOf(d);
            refusals.merge(refusalKey(new RefusalKey(d.sipCode() == null ? 0 : d.sipCode(), row == null ? "" : row,
                    Objects.toString(d.reason(), ""))), 1L, Long::sum);
            return "REFUSED";
        }
        if (a.routed()) {
            newlyRouted++;
            return "ROUTED";
        }
        if (!Objects.equals(b.decision().sipCode(), a.decision().sipCode())
                || !Objects.equals(b.decision().reason(), a.decision().reason())) {
            refusalChanged++;
            return "REFUSAL";
        }
        return null;
    }

    private static void count(Map<String, GroupTally> groups, String keyBefore, String keyAfter, Side b, Side a,
                              boolean changed) {
        if (keyBefore != null) {
            GroupTally g = groups.computeIfAbsent(keyBefore, k -> new GroupTally());
            g.callsBefore++;
            if (b.cost() != null) {
                g.costBefore.merge(b.currency(), b.cost(), BigDecimal::add);
            }
            if (changed) {
                g.changed++;
            }
        }
        if (keyAfter != null) {
            GroupTally g = groups.computeIfAbsent(keyAfter, k -> new GroupTally());
            g.callsAfter++;
            if (a.cost() != null) {
                g.costAfter.merge(a.currency(), a.cost(), BigDecimal::add);
            }
            if (changed && !keyAfter.equals(keyBefore)) {
                g.changed++;
            }
        }
    }

    private void keep(Replayed r, String change) {
        if (sampleSize <= 0) {
            return;
        }
        RecordedCall c = r.call();
        RouteDecision b = r.before().decision();
        RouteDecision a = r.after().decision();
        RouteDecision refusing = a.verdict() == RouteDecision.Verdict.REJECT ? a : null;
        String currency = r.after().currency() != null ? r.after().currency() : r.before().currency();
        ChangedCall call = new ChangedCall(c.id(), c.recordedBy(), c.startedAt(), c.direction().name(), c.pbx(),
                c.calling(), c.called(), a.called() != null ? a.called() : b.called(), change, b.callClass(),
                a.callClass(), order(b), order(a), b.sipCode(), a.sipCode(), refusing == null ? null : rowOf(refusing),
                refusing == null ? null : refusing.reason(), currency, r.before().cost(), r.after().cost());
        offer(call);
    }

    /** Keeps a changed call if it is among the earliest {@code sampleSize}. */
    private void offer(ChangedCall call) {
        if (sample.size() < sampleSize) {
            sample.add(call);
        } else if (EARLIEST.compare(call, sample.peek()) < 0) {
            sample.poll();
            sample.add(call);
        }
    }

    /** Takes in another thread's figures. */
    public void merge(ReplayTally o) {
        decided += o.decided;
        fromEdge += o.fromEdge;
        fromCdrs += o.fromCdrs;
        inboundCdrs += o.inboundCdrs;
        o.undecidable.forEach((reason, n) -> undecidable.merge(reasonKey(reason), n, Long::sum));
        orderChanged += o.orderChanged;
        newlyRefused += o.newlyRefused;
        newlyRouted += o.newlyRouted;
        refusalChanged += o.refusalChanged;
        attestationChanged += o.attestationChanged;
        o.refusals.forEach((k, n) -> refusals.merge(refusalKey(k), n, Long::sum));
        answered += o.answered;
        ratedBefore += o.ratedBefore;
        ratedAfter += o.ratedAfter;
        unratedBefore += o.unratedBefore;
        unratedAfter += o.unratedAfter;
        o.costBefore.forEach((c, v) -> costBefore.merge(c, v, BigDecimal::add));
        o.costAfter.forEach((c, v) -> costAfter.merge(c, v, BigDecimal::add));
        mergeGroups(byPbx, o.byPbx);
        mergeGroups(byClass, o.byClass);
        mergeGroups(byCarrier, o.byCarrier);
        for (ChangedCall c : o.sample) {
            offer(c);
        }
    }

    private static void mergeGroups(Map<String, GroupTally> into, Map<String, GroupTally> from) {
        from.forEach((k, g) -> into.computeIfAbsent(k, x -> new GroupTally()).merge(g));
    }

    /** The report of what was added, {@code read} calls having been read. */
    public ReplayReport report(long read, Map<String, CarrierFigures> figures) {
        List<ReplayReport.Count> reasons = new ArrayList<>();
        undecidable.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> reasons.add(new ReplayReport.Count(e.getKey(), e.getValue())));
        List<ReplayReport.Refusal> refused = new ArrayList<>();
        // Most calls first; the map's own order (code, row, reason) among equal counts.
        refusals.entrySet().stream()
                .sorted(Map.Entry.<RefusalKey, Long>comparingByValue().reversed())
                .forEach(e -> refused.add(new ReplayReport.Refusal(e.getKey().sipCode() == 0 ? null : e.getKey().sipCode(),
                        e.getKey().row().isEmpty() ? null : e.getKey().row(), e.getKey().reason(), e.getValue())));
        List<ChangedCall> kept = new ArrayList<>(sample);
        kept.sort(EARLIEST);
        return new ReplayReport(
                new ReplayReport.Calls(read, decided, fromEdge, fromCdrs, inboundCdrs, reasons),
                new ReplayReport.Changes(orderChanged, newlyRefused, newlyRouted, refusalChanged, attestationChanged),
                refused,
                new ReplayReport.Cost(answered, ratedBefore, ratedAfter, unratedBefore, unratedAfter,
                        new TreeMap<>(costBefore), new TreeMap<>(costAfter)),
                groups(byPbx, k -> null), groups(byClass, k -> null), groups(byCarrier, figures::get),
                expected(figures), kept);
    }

    private static List<ReplayReport.Group> groups(Map<String, GroupTally> groups,
                                                   Function<String, CarrierFigures> figures) {
        List<ReplayReport.Group> out = new ArrayList<>(groups.size());
        groups.forEach((k, g) -> out.add(new ReplayReport.Group(k, g.callsBefore, g.callsAfter, g.changed,
                new TreeMap<>(g.costBefore), new TreeMap<>(g.costAfter), figures.apply(k))));
        return out;
    }

    private ReplayReport.Expected expected(Map<String, CarrierFigures> figures) {
        BigDecimal[] asr = new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] pdd = new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO};
        long[] asrCalls = new long[2];
        long[] pddCalls = new long[2];
        long[] without = new long[2];
        byCarrier.forEach((carrier, g) -> {
            CarrierFigures f = figures.get(carrier);
            long[] calls = {g.callsBefore, g.callsAfter};
            for (int side = 0; side < 2; side++) {
                if (f == null || f.asrPercent() == null) {
                    without[side] += calls[side];
                    continue;
                }
                asr[side] = asr[side].add(BigDecimal.valueOf(f.asrPercent()).multiply(BigDecimal.valueOf(calls[side])));
                asrCalls[side] += calls[side];
                if (f.pddMs() != null) {
                    pdd[side] = pdd[side].add(BigDecimal.valueOf(f.pddMs()).multiply(BigDecimal.valueOf(calls[side])));
                    pddCalls[side] += calls[side];
                }
            }
        });
        return new ReplayReport.Expected(mean(asr[0], asrCalls[0], 2), mean(asr[1], asrCalls[1], 2),
                mean(pdd[0], pddCalls[0], 0), mean(pdd[1], pddCalls[1], 0), asrCalls[0], asrCalls[1], without[0], without[1]);
    }

    private static BigDecimal mean(BigDecimal sum, long n, int scale) {
        return n == 0 ? null : sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64).setScale(scale, RoundingMode.HALF_UP);
    }

    /** The carriers (or PBXs) in the order a side tries them; empty when it refuses the call. */
    static List<String> order(RouteDecision d) {
        List<String> out = new ArrayList<>(d.routes().size());
        for (Route r : d.routes()) {
            out.add(r.target());
        }
        return out;
    }

    /** What the first carrier route signs with and delivers, as text to compare. */
    private static String attestation(RouteDecision d) {
        for (Route r : d.routes()) {
            if (r.kind() == Route.Kind.CARRIER) {
                return (r.signing() == null ? "-" : r.signing().attest().name()) + "/"
                        + (r.arrives() == null ? "-" : r.arrives().name());
            }
        }
        return null;
    }

    private static String classOf(Side s) {
        return s.decision().callClass() == null ? "(unclassified)" : s.decision().callClass();
    }

    /**
     * The row that refused a call: one named in the refusal's reason (a barred class, a dial-plan row), else the last
     * row of the trace that decided anything (the policy whose carriers were all unable to take it).
     */
    static String rowOf(RouteDecision d) {
        Matcher m = ROW.matcher(d.reason() == null ? "" : d.reason());
        if (m.find()) {
            return m.group(1);
        }
        String row = null;
        for (String line : d.trace()) {
            Matcher t = ROW.matcher(line);
            if (t.lookingAt()) {
                row = t.group(1);
            }
        }
        return row;
    }
}
