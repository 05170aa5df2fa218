package io.trunkline.contract.testcall;

import io.trunkline.contract.json.InvalidJsonException;
import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.RouteRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of {@code POST /v1/test-calls}: the platform writes requests and reads results, the edge node reads
 * requests and writes results. Every refusal is an {@link InvalidTestCallException} naming its field.
 */
public final class TestCallCodec {

    /** The request's fields; any other is refused, so that a misspelt {@code down} cannot pass as "none down". */
    private static final Set<String> REQUEST_FIELDS = Set.of("id", "direction", "source", "calling", "called", "down",
            "holdMs", "timeoutMs");

    private TestCallCodec() {
    }

    public static String write(TestCallRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("direction", r.direction().name());
        m.put("source", r.source());
        m.put("calling", r.calling());
        m.put("called", r.called());
        m.put("down", r.down().stream().sorted().toList());
        m.put("holdMs", r.holdMs());
        m.put("timeoutMs", r.timeoutMs());
        return Json.write(m);
    }

    /** @throws InvalidTestCallException naming the field at fault ({@code body} for text that is no JSON object) */
    public static TestCallRequest readRequest(String json) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(json);
        } catch (InvalidJsonException e) {
            throw new InvalidTestCallException("body", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidTestCallException("body", "not a JSON object");
        }
        for (String field : m.keySet()) {
            if (!REQUEST_FIELDS.contains(field)) {
                throw new InvalidTestCallException(field, "is not a field of a test call");
            }
        }
        String direction = text(m, "direction");
        RouteRequest.Direction dir;
        try {
            dir = direction == null ? null : RouteRequest.Direction.valueOf(direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidTestCallException("direction", "must be INBOUND or OUTBOUND, was '" + direction + "'");
        }
        Set<String> down = new LinkedHashSet<>();
        Object list = m.get("down");
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new InvalidTestCallException("down", "must be an array of route targets");
                }
                down.add(s);
            }
        } else if (list != null) {
            throw new InvalidTestCallException("down", "must be an array of route targets");
        }
        return new TestCallRequest(text(m, "id"), dir, text(m, "source"), text(m, "calling"), text(m, "called"), down,
                integer(m, "holdMs", TestCallRequest.DEFAULT_HOLD_MS),
                integer(m, "timeoutMs", TestCallRequest.DEFAULT_TIMEOUT_MS));
    }

    public static String write(TestCallResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("callId", r.callId());
        m.put("outcome", r.outcome().name());
        m.put("sipCode", r.sipCode());
        m.put("answeredBy", r.answeredBy());
        m.put("setupMs", r.setupMs());
        List<Object> attempts = new ArrayList<>();
        for (TestCallResult.Attempt a : r.attempts()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("target", a.target());
            am.put("code", a.code());
            am.put("skipped", a.skipped());
            am.put("reason", a.reason());
            attempts.add(am);
        }
        m.put("attempts", attempts);
        m.put("detail", r.detail());
        return Json.write(m);
    }

    /** @throws InvalidTestCallException when the text is not a test call's result */
    public static TestCallResult readResult(String json) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidTestCallException("body", e.getMessage());
        }
        String outcome = text(m, "outcome");
        TestCallResult.Outcome o;
        try {
            o = TestCallResult.Outcome.valueOf(String.valueOf(outcome));
        } catch (IllegalArgumentException e) {
            throw new InvalidTestCallException("outcome", "must be one of ANSWERED, FAILED, REJECTED, TIMEOUT");
        }
        List<TestCallResult.Attempt> attempts = new ArrayList<>();
        if (m.get("attempts") instanceof List<?> l) {
            for (Object a : l) {
                if (!(a instanceof Map<?, ?> am)) {
                    throw new InvalidTestCallException("attempts", "must be an array of objects");
                }
                Object code = am.get("code");
                attempts.add(new TestCallResult.Attempt(am.get("target") instanceof String t ? t : null,
                        code instanceof BigDecimal c ? c.intValueExact() : null, Boolean.TRUE.equals(am.get("skipped")),
                        am.get("reason") instanceof String rs ? rs : null));
            }
        }
        Object setup = m.get("setupMs");
        return new TestCallResult(text(m, "id"), text(m, "callId"), o, integer(m, "sipCode", 0), text(m, "answeredBy"),
                setup instanceof BigDecimal s ? s.longValueExact() : null, attempts, text(m, "detail"));
    }

    private static String text(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (v != null && !(v instanceof String)) {
            throw new InvalidTestCallException(field, "must be a string");
        }
        return (String) v;
    }

    private static int integer(Map<String, Object> m, String field, int dflt) {
        Object v = m.get(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof BigDecimal n)) {
            throw new InvalidTestCallException(field, "must be a whole number");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidTestCallException(field, "must be a whole number, was " + n.toPlainString());
        }
    }
}
