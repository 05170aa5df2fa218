package io.trunkline.contract.routing;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.contract.time.UtcInstants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision contract's JSON, as {@code POST /api/v1/decisions/route} takes and gives it: the edge
 * writes requests and reads decisions with this class.
 */
public final class RoutingCodec {

    private RoutingCodec() {
    }

    public static String write(RouteRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", r.callId());
        m.put("direction", r.direction().name());
        m.put("source", r.source());
        m.put("calling", r.calling());
        m.put("called", r.called());
        if (r.at() != null) {
            m.put("at", r.at().toString());
        }
        if (r.forwarded()) {
            m.put("forwarded", true);
        }
        if (r.identity() != null) {
            m.put("identity", identity(r.identity()));
        }
        return Json.write(m);
    }

    public static String write(RouteDecision d) {
        return write(d, true);
    }

    /**
     * A decision's JSON, with or without its {@code trace}: the edge routes on everything else and the platform keeps
     * the trace in its recent-decisions log, so the edge asks without it (about half of the answer's bytes).
     */
    public static String write(RouteDecision d, boolean withTrace) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", d.callId());
        m.put("verdict", d.verdict().name());
        if (d.sipCode() != null) {
            m.put("sipCode", d.sipCode());
        }
        m.put("reason", d.reason());
        m.put("callClass", d.callClass());
        m.put("called", d.called());
        m.put("calling", d.calling());
        List<Object> routes = new ArrayList<>();
        for (Route r : d.routes()) {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("target", r.target());
            route.put("kind", r.kind().name());
            route.put("uri", r.uri());
            route.put("presentNumber", r.presentNumber());
            route.put("ratePerMinute", r.ratePerMinute() == null ? null : r.ratePerMinute().toPlainString());
            route.put("currency", r.currency());
            route.put("reason", r.reason());
            if (r.signing() != null) {
                route.put("signing", signing(r.signing()));
            }
            if (r.arrives() != null) {
                route.put("arrives", r.arrives().name());
            }
            routes.add(route);
        }
        m.put("routes", routes);
        m.put("failoverCodes", d.failoverCodes());
        m.put("attemptTimeoutMs", d.attemptTimeoutMs());
        m.put("rulebookVersions", d.rulebookVersions());
        if (withTrace) {
            m.put("trace", d.trace());
        }
        m.put("decidedAt", d.decidedAt() == null ? null : d.decidedAt().toString());
        if (d.signing() != null) {
            m.put("signing", signing(d.signing()));
        }
        return Json.write(m);
    }

    /** An identity check as the request and the call record write it. */
    public static Map<String, Object> identity(IdentityCheck i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verstat", i.verstat());
        m.put("failure", i.failure());
        m.put("detail", i.detail());
        m.put("attest", i.attest() == null ? null : i.attest().name());
        return m;
    }

    /**
     * An identity check read back, null for none.
     *
     * @throws IllegalArgumentException when it has no verstat or an attestation that is none
     */
    public static IdentityCheck identity(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return null;
        }
        if (!(m.get("verstat") instanceof String verstat)) {
            throw new IllegalArgumentException("identity: verstat is required");
        }
        return new IdentityCheck(verstat, m.get("failure") instanceof String f ? f : null,
                m.get("detail") instanceof String d ? d : null,
                m.get("attest") instanceof String a ? Attestation.of(a) : null);
    }

    private static Map<String, Object> signing(Signing s) {
        Map<String, Object> signing = new LinkedHashMap<>();
        signing.put("attest", s.attest().name());
        signing.put("origid", s.origid());
        signing.put("decidedBy", s.decidedBy());
        return signing;
    }

    /** @throws IllegalArgumentException when the text is not a decision */
    public static RouteDecision readDecision(String json) {
        Map<String, Object> m = Json.parseObject(json);
        List<Route> routes = new ArrayList<>();
        for (Object o : list(m, "routes")) {
            Map<?, ?> r = (Map<?, ?>) o;
            String rate = (String) r.get("ratePerMinute");
            routes.add(new Route((String) r.get("target"), Route.Kind.valueOf((String) r.get("kind")),
                    (String) r.get("uri"), (String) r.get("presentNumber"), rate == null ? null : new BigDecimal(rate),
                    (String) r.get("currency"), (String) r.get("reason"), signing(r.get("signing")),
                    r.get("arrives") instanceof String a ? Attestation.of(a) : null));
        }
        List<Integer> codes = new ArrayList<>();
        for (Object c : list(m, "failoverCodes")) {
            codes.add(((BigDecimal) c).intValueExact());
        }
        Map<String, String> versions = new LinkedHashMap<>();
        Object v = m.get("rulebookVersions");
        if (v instanceof Map<?, ?> vm) {
            vm.forEach((k, val) -> versions.put(String.valueOf(k), String.valueOf(val)));
        }
        List<String> trace = new ArrayList<>();
        for (Object t : list(m, "trace")) {
            trace.add(String.valueOf(t));
        }
        Object sip = m.get("sipCode");
        Object timeout = m.get("attemptTimeoutMs");
        Object decided = m.get("decidedAt");
        return new RouteDecision(required(m, "callId"), RouteDecision.Verdict.valueOf(required(m, "verdict")),
                sip == null ? null : ((BigDecimal) sip).intValueExact(), (String) m.get("reason"),
                (String) m.get("callClass"), (String) m.get("called"), (String) m.get("calling"), routes, codes,
                timeout == null ? 0 : ((BigDecimal) timeout).intValueExact(), versions, trace,
                decided == null ? null : UtcInstants.parse((String) decided), signing(m.get("signing")));
    }

    private static Signing signing(Object o) {
        if (!(o instanceof Map<?, ?> s)) {
            return null;
        }
        if (!(s.get("attest") instanceof String attest) || !(s.get("origid") instanceof String origid)) {
            throw new IllegalArgumentException("decision: signing needs attest and origid");
        }
        return new Signing(Attestation.of(attest), origid, s.get("decidedBy") instanceof String by ? by : null);
    }

    private static String required(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("decision: " + field + " is missing");
        }
        return s;
    }

    private static List<?> list(Map<String, Object> m, String field) {
        Object v = m.get(field);
        return v instanceof List<?> l ? l : List.of();
    }
}
