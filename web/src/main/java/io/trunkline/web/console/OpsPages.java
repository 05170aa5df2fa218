package io.trunkline.web.console;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.ejb.alerts.api.Alerts;
import io.trunkline.ejb.alerts.api.Trunks;
import io.trunkline.ejb.billing.api.IngestFiles;
import io.trunkline.ejb.calls.api.CallQueries;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.fraud.api.FraudControl;
import io.trunkline.ejb.fraud.api.FraudSubject;
import io.trunkline.ejb.metrics.api.Metrics;
import io.trunkline.ejb.platform.api.PlatformHealth;
import io.trunkline.ejb.routing.api.CarrierEntry;
import io.trunkline.ejb.routing.api.MasterData;
import io.trunkline.ejb.routing.api.PbxEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import javax.ejb.EJB;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The ops engineers' pages: health of every subsystem and edge node, trunks and carriers' live state against their
 * limits, metrics with charts, alerts (acknowledge), ingested files with their quarantined lines, and call search
 * with each call's ladder.
 */
@WebServlet(ConsoleFilter.ROOT + "/ops/*")
public class OpsPages extends ConsolePage {

    private static final long serialVersionUID = 1L;
    /** The quarantined lines a file's page lists (its counts have them all; the API pages further). */
    private static final int QUARANTINED_SHOWN = 1_000;

    @EJB
    private transient PlatformHealth health;
    @EJB
    private transient Alerts alerts;
    @EJB
    private transient Trunks trunks;
    @EJB
    private transient MasterData masterData;
    @EJB
    private transient IngestFiles ingest;
    @EJB
    private transient CallRecords calls;
    @EJB
    private transient Metrics metrics;
    @EJB
    private transient FraudControl fraud;

    @Override
    public void init() throws ServletException {
        get("/?", this::overview);
        get("/trunks", this::trunks);
        get("/metrics", this::metrics);
        get("/alerts", this::alerts);
        post("/alerts/([0-9]{1,18})/ack", this::acknowledge);
        get("/ingest", this::ingest);
        get("/ingest/([0-9]{1,18})", this::quarantine);
        get("/calls", this::callSearch);
        get("/calls/([^/]{1,200})", this::ladder);
    }

    private void overview(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        PlatformHealth.Report report = health.check();
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("openAlerts", alerts.list("open", 1000).size());
        render(request, response, "ops/overview", model);
    }

    private void trunks(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        List<Map<String, Object>> carriers = new ArrayList<>();
        for (CarrierEntry c : masterData.carriers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("carrier", c);
            row.put("state", masterData.state(c.id()));
            carriers.add(row);
        }
        List<Map<String, Object>> pbxs = new ArrayList<>();
        for (PbxEntry p : masterData.pbxs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pbx", p.id().value());
            row.put("name", p.name());
            try {
                // The edge cluster's live count (the fraud counters'), the highest of the PBX's filters.
                row.put("live", fraud.counters(FraudSubject.pbx(p.id())).counters().stream()
                        .mapToInt(FraudControl.Counters::concurrentCalls).max().orElse(0));
            } catch (RuntimeException e) {
                row.put("live", null);
            }
            pbxs.add(row);
        }
        render(request, response, "ops/trunks", Map.of("carriers", carriers, "pbxs", pbxs, "trunks", trunks.trunks()));
    }

    private void metrics(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        Instant to = instant(request, "to", Instant.now());
        Instant from = instant(request, "from", to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw new BadInput("The period's start must be before its end.");
        }
        String window = "5m".equals(request.getParameter("window")) ? "5m" : "1h";
        String dimension = choice(request, "dimension", List.of("carrier", "trunk", "pbx", "class"), "carrier");
        String origin = choice(request, "origin", List.of("edge", "cdr"), "edge");
        Metrics.Report report = metrics.report(from, to, "5m".equals(window) ? 5 : 60, dimension, null, origin);
        Map<String, Object> model = new HashMap<>();
        model.put("from", from.toString());
        model.put("to", to.toString());
        model.put("window", window);
        model.put("dimension", dimension);
        model.put("origin", origin);
        model.put("totals", report.totals());
        model.put("pending", report.pendingWindows());
        model.put("series", request.getContextPath() + "/api/v1/metrics?from=" + from + "&to=" + to + "&window=" + window
                + "&dimension=" + dimension + "&origin=" + origin);
        render(request, response, "ops/metrics", model);
    }

    private void alerts(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String state = choice(request, "state", List.of("open", "resolved", "all"), "open");
        render(request, response, "ops/alerts", Map.of("alerts", alerts.list("all".equals(state) ? null : state, 200),
                "state", state, "evaluatedAt", String.valueOf(alerts.evaluatedAt())));
    }

    private void acknowledge(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        Alerts.Alert a = alerts.acknowledge(id, user(request));
        redirect(request, response, ConsoleFilter.ROOT + "/ops/alerts", "Alert " + id + " (" + a.title() + ") acknowledged.");
    }

    private void ingest(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        render(request, response, "ops/ingest", Map.of("files", ingest.recent(200)));
    }

    private void quarantine(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        IngestFiles.IngestedFile file = ingest.file(id)
                .orElseThrow(() -> new NotFound("There is no ingested file " + id + "."));
        render(request, response, "ops/quarantine", Map.of("file", file, "lines", ingest.quarantine(id, QUARANTINED_SHOWN),
                "shown", QUARANTINED_SHOWN));
    }

    /** Calls by number, PBX, carrier, period and outcome, newest first, a page of 100 at a time. */
    private void callSearch(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        Map<String, Object> form = new HashMap<>();
        for (String f : List.of("from", "to", "pbx", "carrier", "number", "outcome", "before")) {
            String v = optional(request, f);
            form.put(f, v == null ? "" : v);
        }
        CallRecords.Query query = CallQueries.parse(optional(request, "from"), optional(request, "to"),
                optional(request, "pbx"), optional(request, "carrier"), optional(request, "number"),
                optional(request, "outcome"), null, optional(request, "before"), Instant.now());
        CallRecords.Page page = calls.search(query);
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("from", query.from().toString());
        model.put("to", query.to().toString());
        model.put("page", page);
        model.put("next", page.next() == null ? null : page.next().token());
        model.put("pbxs", masterData.pbxs());
        model.put("carriers", masterData.carriers());
        render(request, response, "ops/calls", model);
    }

    /** One call top to bottom: the decision with its trace, each attempt, the answer, the end. */
    private void ladder(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        // The container has decoded the path once; decoding again would turn a Call-ID's '+' into a space.
        String id = m.group(1);
        CallRecords.Ladder ladder = calls.ladder(new CallId(id)).orElseThrow(() -> new NotFound("There is no call " + id + "."));
        render(request, response, "ops/ladder", Map.of("l", ladder, "callId", id));
    }

    private static Instant instant(HttpServletRequest request, String name, Instant otherwise) {
        String text = optional(request, name);
        if (text == null) {
            return otherwise;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInput("\u201c" + text + "\u201d is not a date (2026-11-26) or an instant (2026-11-26T10:00:00Z).");
        }
    }

    private static String choice(HttpServletRequest request, String name, List<String> allowed, String otherwise) {
        String v = optional(request, name);
        if (v == null) {
            return otherwise;
        }
        if (!allowed.contains(v)) {
            throw new BadInput(name + " must be one of " + String.join(", ", allowed) + ".");
        }
        return v;
    }
}
