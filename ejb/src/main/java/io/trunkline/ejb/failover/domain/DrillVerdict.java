package io.trunkline.ejb.failover.domain;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failover drill's verdict from its calls: for each test number a baseline call (normal routing) and a drill call
 * (the carrier under test down for that call only). A drill call passes when it was answered, the carrier under test
 * was not tried, another carrier answered ({@code expectCarrier} when the drill names one), and its setup time
 * exceeds its baseline's by at most {@code maxAddedSetupMs}. A failed baseline is reported and its drill call judged
 * alone (no added-setup check): the drill proves the failover, not the carrier's everyday health.
 */
public final class DrillVerdict {

    /** The drill's expectations. */
    public record Expectation(String carrier, String expectCarrier, int maxAddedSetupMs) {
    }

    /** One test number's calls and what the drill found. */
    public record Line(String number, TestCallResult baseline, TestCallResult drill, Long addedSetupMs,
                       boolean passed, List<String> findings) {
    }

    private final Expectation expectation;
    private final List<Line> lines;

    private DrillVerdict(Expectation expectation, List<Line> lines) {
        this.expectation = expectation;
        this.lines = List.copyOf(lines);
    }

    /** Judges the calls, paired by position with {@code numbers}. */
    public static DrillVerdict judge(Expectation e, List<String> numbers, List<TestCallResult> baseline,
                                     List<TestCallResult> drill) {
        if (numbers.size() != baseline.size() || numbers.size() != drill.size() || numbers.isEmpty()) {
            throw new IllegalArgumentException("a drill needs one baseline and one drill call per test number");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            lines.add(line(e, numbers.get(i), baseline.get(i), drill.get(i)));
        }
        return new DrillVerdict(e, lines);
    }

    private static Line line(Expectation e, String number, TestCallResult base, TestCallResult call) {
        List<String> findings = new ArrayList<>();
        boolean baseAnswered = base.outcome() == TestCallResult.Outcome.ANSWERED && base.setupMs() != null;
        if (!baseAnswered) {
            findings.add("baseline call not answered (" + base.outcome() + " " + base.sipCode()
                    + "): the drill call is judged alone, without the added-setup check");
        }
        boolean passed = true;
        Long added = null;
        if (call.outcome() != TestCallResult.Outcome.ANSWERED) {
            passed = false;
            findings.add("drill call not answered: " + call.outcome() + " " + call.sipCode()
                    + (call.detail() == null ? "" : " (" + call.detail() + ")"));
        } else {
            if (e.carrier().equals(call.answeredBy())) {
                passed = false;
                findings.add("answered by the carrier under test " + e.carrier());
            } else if (e.expectCarrier() != null && !e.expectCarrier().equals(call.answeredBy())) {
                passed = false;
                findings.add("answered by " + call.answeredBy() + ", not by the expected " + e.expectCarrier());
            }
            if (baseAnswered && call.setupMs() != null) {
                added = call.setupMs() - base.setupMs();
                if (added > e.maxAddedSetupMs()) {
                    passed = false;
                    findings.add("failover added " + added + " ms of setup time, over the limit of "
                            + e.maxAddedSetupMs() + " ms");
                }
            }
        }
        boolean tried = call.attempts().stream().anyMatch(a -> !a.skipped() && e.carrier().equals(a.target()));
        if (tried) {
            passed = false;
            findings.add("the carrier under test " + e.carrier() + " was tried although down for the drill");
        }
        return new Line(number, base, call, added, passed, findings);
    }

    public boolean passed() {
        return lines.stream().allMatch(Line::passed);
    }

    public List<Line> lines() {
        return lines;
    }

    /** The report for people: the verdict, then one block per test number. */
    public String text() {
        long failed = lines.stream().filter(l -> !l.passed()).count();
        StringBuilder out = new StringBuilder("Failover drill of ").append(expectation.carrier()).append(": ")
                .append(failed == 0 ? "PASSED" : "FAILED (" + failed + " of " + lines.size() + " drill calls)")
                .append("; expected ").append(expectation.expectCarrier() == null ? "any other carrier"
                        : expectation.expectCarrier()).append(", added setup at most ")
                .append(expectation.maxAddedSetupMs()).append(" ms\n");
        for (Line l : lines) {
            out.append(l.number()).append(": ").append(l.passed() ? "PASSED" : "FAILED").append('\n')
                    .append("  baseline ").append(call(l.baseline())).append('\n')
                    .append("  drill    ").append(call(l.drill())).append('\n');
            if (l.addedSetupMs() != null) {
                out.append("  added setup ").append(l.addedSetupMs()).append(" ms\n");
            }
            for (String f : l.findings()) {
                out.append("  - ").append(f).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String call(TestCallResult r) {
        StringBuilder s = new StringBuilder().append(r.outcome()).append(' ').append(r.sipCode());
        if (r.answeredBy() != null) {
            s.append(" by ").append(r.answeredBy());
        }
        if (r.setupMs() != null) {
            s.append(" in ").append(r.setupMs()).append(" ms");
        }
        s.append(" [");
        for (int i = 0; i < r.attempts().size(); i++) {
            TestCallResult.Attempt a = r.attempts().get(i);
            s.append(i == 0 ? "" : ", ").append(a.target()).append(' ')
                    .append(a.skipped() ? "skipped" : a.code() == null ? "no answer" : a.code().toString());
        }
        return s.append("] (test call ").append(r.id()).append(", call ").append(r.callId()).append(')').toString();
    }

    /** The report as a JSON-ready map: the verdict and every call with its ids, attempts and setup time. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("carrier", expectation.carrier());
        out.put("expectCarrier", expectation.expectCarrier());
        out.put("maxAddedSetupMs", expectation.maxAddedSetupMs());
        out.put("passed", passed());
        List<Object> calls = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", l.number());
            m.put("passed", l.passed());
            m.put("addedSetupMs", l.addedSetupMs());
            m.put("findings", l.findings());
            m.put("baseline", call(l.baseline(), false));
            m.put("drill", call(l.drill(), true));
            calls.add(m);
        }
        out.put("calls", calls);
        return out;
    }

    /** The edge's own JSON of the result (TestCallCodec; its id named testCall as in the call's record), with what was down. */
    private Map<String, Object> call(TestCallResult r, boolean drill) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testCall", r.id());
        m.putAll(Json.parseObject(TestCallCodec.write(r)));
        m.remove("id");
        m.put("down", drill ? List.of(expectation.carrier()) : List.of());
        return m;
    }
}
