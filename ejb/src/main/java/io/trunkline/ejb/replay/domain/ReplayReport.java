package io.trunkline.ejb.replay.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay found, exact: counts, changes, refusals by row, costs per currency on both sides (totals and per PBX,
 * class and carrier), carrier shares, the expected ASR and PDD, and the earliest changed calls. {@link #summary()} and
 * {@link #changesJson()} are the shapes stored and served (web/README.md).
 */
public record ReplayReport(Calls calls, Changes changes, List<Refusal> refusals, Cost cost, List<Group> byPbx,
                           List<Group> byClass, List<Group> byCarrier, Expected expected, List<ChangedCall> sample) {

    /**
     * @param read        recorded calls read
     * @param decided     decided on both sides
     * @param fromEdge    of the decided, the edge's records
     * @param fromCdrs    of the decided, PBXs' CDRs
     * @param inboundCdrs PBX CDRs of calls the PBX received, left out
     * @param undecidable the calls a side could not decide, by reason
     */
    public record Calls(long read, long decided, long fromEdge, long fromCdrs, long inboundCdrs, List<Count> undecidable) {
    }

    public record Count(String reason, long calls) {
    }

    /**
     * @param orderChanged       routed on both sides, in another carrier order
     * @param newlyRefused       routed by the active versions, refused by the draft
     * @param newlyRouted        refused by the active versions, routed by the draft
     * @param refusalChanged     refused on both sides with another code or reason
     * @param attestationChanged same order, but the first carrier signs or delivers another STIR/SHAKEN attestation
     */
    public record Changes(long orderChanged, long newlyRefused, long newlyRouted, long refusalChanged,
                          long attestationChanged) {

        public long total() {
            return orderChanged + newlyRefused + newlyRouted + refusalChanged + attestationChanged;
        }
    }

    /** Calls the draft refuses that the active versions routed, by the SIP code, the row that refused and why. */
    public record Refusal(Integer sipCode, String row, String reason, long calls) {
    }

    /**
     * Answered calls rated on both sides, per currency (carriers may bill in different ones).
     *
     * @param unratedBefore answered calls whose first carrier has no rate for the number that day, active side
     */
    public record Cost(long answered, long ratedBefore, long ratedAfter, long unratedBefore, long unratedAfter,
                       Map<String, BigDecimal> before, Map<String, BigDecimal> after) {

        public Map<String, BigDecimal> delta() {
            return ReplayReport.delta(before, after);
        }
    }

    /**
     * One PBX, class or carrier on both sides: calls counted under it by each side (a call's class and first carrier
     * are each side's own), the changed calls either side counts under it, and their cost per currency.
     *
     * @param measured a carrier's figures over the period, null for others or when none were measured
     */
    public record Group(String key, long callsBefore, long callsAfter, long changed, Map<String, BigDecimal> costBefore,
                       Map<String, BigDecimal> costAfter, CarrierFigures measured) {

        public Map<String, BigDecimal> delta() {
            return ReplayReport.delta(costBefore, costAfter);
        }
    }

    /**
     * The ASR and PDD to expect on each side: the average over the calls each sends to a carrier of that carrier's
     * measured figure (calls to carriers without figures left out, counted apart).
     */
    public record Expected(BigDecimal asrPercentBefore, BigDecimal asrPercentAfter, BigDecimal pddMsBefore,
                           BigDecimal pddMsAfter, long callsWithFiguresBefore, long callsWithFiguresAfter,
                           long callsWithoutFiguresBefore, long callsWithoutFiguresAfter) {
    }

    /** A changed call, as the console lists it. */
    public record ChangedCall(String call, String recordedBy, Instant startedAt, String direction, String pbx,
                              String calling, String called, String number, String change, String classBefore,
                              String classAfter, List<String> orderBefore, List<String> orderAfter,
                              Integer sipCodeBefore, Integer sipCodeAfter, String refusedBy, String reason,
                              String currency, BigDecimal costBefore, BigDecimal costAfter) {
    }

    static Map<String, BigDecimal> delta(Map<String, BigDecimal> before, Map<String, BigDecimal> after) {
        Map<String, BigDecimal> out = new TreeMap<>();
        before.forEach((c, v) -> out.merge(c, v.negate(), BigDecimal::add));
        after.forEach((c, v) -> out.merge(c, v, BigDecimal::add));
        return out;
    }

    /** The report without the sample, as JSON text. */
    public String summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("read", calls.read());
        c.put("decided", calls.decided());
        c.put("fromEdge", calls.fromEdge());
        c.put("fromCdrs", calls.fromCdrs());
        c.put("inboundCdrsLeftOut", calls.inboundCdrs());
        c.put("undecidable", calls.undecidable().stream().map(u -> ordered("reason", u.reason(), "calls", u.calls())).toList());
        m.put("calls", c);
        Map<String, Object> ch = new LinkedHashMap<>();
        ch.put("total", changes.total());
        ch.put("orderChanged", changes.orderChanged());
        ch.put("newlyRefused", changes.newlyRefused());
        ch.put("newlyRouted", changes.newlyRouted());
        ch.put("refusalChanged", changes.refusalChanged());
        ch.put("attestationChanged", changes.attestationChanged());
        m.put("changes", ch);
        m.put("newlyRefused", refusals.stream().map(r -> ordered("sipCode", r.sipCode(), "row", r.row(), "reason",
                r.reason(), "calls", r.calls())).toList());
        Map<String, Object> co = new LinkedHashMap<>();
        co.put("answeredCalls", cost.answered());
        co.put("ratedBefore", cost.ratedBefore());
        co.put("ratedAfter", cost.ratedAfter());
        co.put("unratedBefore", cost.unratedBefore());
        co.put("unratedAfter", cost.unratedAfter());
        co.put("before", cost.before());
        co.put("after", cost.after());
        co.put("delta", cost.delta());
        m.put("cost", co);
        m.put("byPbx", groups("pbx", byPbx));
        m.put("byClass", groups("class", byClass));
        long routedBefore = byCarrier.stream().mapToLong(Group::callsBefore).sum();
        long routedAfter = byCarrier.stream().mapToLong(Group::callsAfter).sum();
        List<Map<String, Object>> carriers = groups("carrier", byCarrier);
        for (int i = 0; i < byCarrier.size(); i++) {
            Group g = byCarrier.get(i);
            Map<String, Object> row = carriers.get(i);
            row.put("shareBefore", percent(g.callsBefore(), routedBefore));
            row.put("shareAfter", percent(g.callsAfter(), routedAfter));
            CarrierFigures f = g.measured();
            row.put("measured", f == null ? null : ordered("origin", f.origin(), "attempts", f.attempts(), "asrPercent",
                    scaled(f.asrPercent(), 2), "pddMs", f.pddMs(), "mos", scaled(f.mos(), 2)));
        }
        m.put("byCarrier", carriers);
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("asrPercent", ordered("before", expected.asrPercentBefore(), "after", expected.asrPercentAfter(),
                "change", change(expected.asrPercentBefore(), expected.asrPercentAfter())));
        ex.put("pddMs", ordered("before", expected.pddMsBefore(), "after", expected.pddMsAfter(),
                "change", change(expected.pddMsBefore(), expected.pddMsAfter())));
        ex.put("callsWithFigures", ordered("before", expected.callsWithFiguresBefore(), "after",
                expected.callsWithFiguresAfter()));
        ex.put("callsWithoutFigures", ordered("before", expected.callsWithoutFiguresBefore(), "after",
                expected.callsWithoutFiguresAfter()));
        m.put("expected", ex);
        m.put("sampled", sample.size());
        return io.trunkline.contract.json.Json.write(m);
    }

    /** The sample of changed calls, earliest first, as a JSON array. */
    public String changesJson() {
        List<Object> out = new ArrayList<>(sample.size());
        for (ChangedCall s : sample) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("call", s.call());
            m.put("recordedBy", s.recordedBy());
            m.put("startedAt", s.startedAt().toString());
            m.put("direction", s.direction());
            m.put("pbx", s.pbx());
            m.put("calling", s.calling());
            m.put("called", s.called());
            m.put("number", s.number());
            m.put("change", s.change());
            m.put("classBefore", s.classBefore());
            m.put("classAfter", s.classAfter());
            m.put("orderBefore", s.orderBefore());
            m.put("orderAfter", s.orderAfter());
            m.put("sipCodeBefore", s.sipCodeBefore());
            m.put("sipCodeAfter", s.sipCodeAfter());
            m.put("refusedBy", s.refusedBy());
            m.put("reason", s.reason());
            m.put("currency", s.currency());
            m.put("costBefore", s.costBefore());
            m.put("costAfter", s.costAfter());
            out.add(m);
        }
        return io.trunkline.contract.json.Json.write(out);
    }

    private static List<Map<String, Object>> groups(String name, List<Group> groups) {
        List<Map<String, Object>> out = new ArrayList<>(groups.size());
        for (Group g : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(name, g.key());
            m.put("callsBefore", g.callsBefore());
            m.put("callsAfter", g.callsAfter());
            m.put("changed", g.changed());
            m.put("costBefore", g.costBefore());
            m.put("costAfter", g.costAfter());
            m.put("delta", g.delta());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** {@code part} of {@code whole} in percent, two decimals; null of nothing. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal scaled(Double v, int scale) {
        return v == null ? null : BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal change(BigDecimal before, BigDecimal after) {
        return before == null || after == null ? null : after.subtract(before);
    }
}
