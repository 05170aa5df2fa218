package io.trunkline.web.metrics;

import io.trunkline.ejb.metrics.api.Metrics;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/metrics?dimension=carrier&subject=carrier-a&from=...&to=...&window=5m|1h&origin=edge|cdr}:
 * the figures per window and summed over the period (default: the last 24 hours, hourly windows).
 */
@RequestScoped
@Path("/metrics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "analyst", "compliance", "admin"})
public class MetricsResource {

    @EJB
    private Metrics metrics;

    @GET
    public String report(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("window") String window, @QueryParam("dimension") String dimension,
                         @QueryParam("subject") String subject, @QueryParam("origin") String origin) {
        Instant end = blank(to) ? Instant.now() : time("to", to);
        Instant start = blank(from) ? end.minus(Duration.ofDays(1)) : time("from", from);
        int minutes = switch (blank(window) ? "1h" : window.trim()) {
            case "5m" -> 5;
            case "1h" -> 60;
            default -> throw ApiException.badRequest("window", "expected 5m or 1h, got '" + window + "'");
        };
        Metrics.Report r = metrics.report(start, end, minutes, blank(dimension) ? null : dimension.trim(),
                blank(subject) ? null : subject.trim(), blank(origin) ? null : origin.trim());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start);
        out.put("to", end);
        out.put("window", minutes == 5 ? "5m" : "1h");
        out.put("pendingWindows", r.pendingWindows());
        out.put("totals", list(r.totals()));
        out.put("windows", list(r.windows()));
        return JsonBodies.value(out).toString();
    }

    private static List<Object> list(List<Metrics.Figures> figures) {
        List<Object> out = new ArrayList<>(figures.size());
        for (Metrics.Figures f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", f.start());
            m.put("origin", f.origin());
            m.put("dimension", f.dimension());
            m.put("subject", f.subject());
            m.put("attempts", f.attempts());
            m.put("answered", f.answered());
            m.put("asr", f.asr());
            m.put("ner", f.ner());
            m.put("acdSeconds", f.acdSeconds());
            m.put("pddP50Ms", f.pddP50Ms());
            m.put("pddP95Ms", f.pddP95Ms());
            Map<String, Object> failures = new LinkedHashMap<>();
            f.failures().forEach((code, n) -> failures.put(String.valueOf(code), n));
            m.put("failures", failures);
            m.put("concurrentPeak", f.concurrentPeak());
            m.put("mos", f.mos());
            m.put("lossPct", f.lossPct());
            m.put("jitterMs", f.jitterMs());
            m.put("cost", f.cost());
            m.put("rated", f.rated());
            if (!f.identities().isEmpty()) {
                m.put("identities", f.identities());
                m.put("identityFailedShare", f.identityFailedShare());
            }
            out.add(m);
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant time(String field, String text) {
        return JsonBodies.instant(field, text);
    }
}
