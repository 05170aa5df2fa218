package io.trunkline.web.console;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.MasterData;
import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.ejb.routing.api.ScenarioOutcome;
import io.trunkline.ejb.routing.api.Scenarios;
import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.replay.api.ReplayRequest;
import io.trunkline.ejb.replay.api.ReplayRun;
import io.trunkline.ejb.replay.api.Replays;
import io.trunkline.ejb.ruleset.api.RulebookReview;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.ruleset.api.ScenariosFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import javax.ejb.EJB;
import javax.servlet.ServletException;
import javax.servlet.annotation.MultipartConfig;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;

/**
 * The analysts' pages: the rulebooks and their versions (author, time, comment, state), download, upload of a
 * draft with any refusal shown at its sheet, row and column, activation and rollback behind a confirmation, the
 * test scenarios (edit and run) and the simulation of one call with its whole trace.
 */
@WebServlet(ConsoleFilter.ROOT + "/rules/*")
@MultipartConfig(maxFileSize = RulebookPages.MAX_UPLOAD, maxRequestSize = RulebookPages.MAX_UPLOAD + 65_536)
public class RulebookPages extends ConsolePage {

    static final long MAX_UPLOAD = 8L * 1024 * 1024;
    private static final long serialVersionUID = 1L;
    private static final String BOOK = "/([a-z]+)";
    private static final String VERSION = BOOK + "/versions/([0-9]{1,9})";

    @EJB
    private transient RuleBase ruleBase;
    @EJB
    private transient Scenarios scenarios;
    @EJB
    private transient RouteDecisions decisions;
    @EJB
    private transient MasterData masterData;
    @EJB
    private transient RulebookReview review;
    @EJB
    private transient Replays replays;

    @Override
    public void init() throws ServletException {
        get("/?", this::index);
        get("/simulate", (q, r, m) -> simulateForm(q, r, Map.of()));
        post("/simulate", this::simulate);
        get("/scenarios", (q, r, m) -> scenarioPage(q, r, null));
        post("/scenarios", this::saveScenarios);
        post("/scenarios/run", (q, r, m) -> scenarioPage(q, r, ruleBase.runScenarios()));
        get(BOOK, this::rulebook);
        get(BOOK + "/diff", this::diff);
        post(VERSION + "/replays", this::replay);
        get("/replays/([0-9]{1,18})", this::replayPage);
        post("/replays/([0-9]{1,18})/cancel", this::cancelReplay);
        post(BOOK + "/drafts", this::upload);
        get(VERSION, this::version);
        get(VERSION + "/files/([A-Za-z0-9._-]{1,100})", this::download);
        get(VERSION + "/(activate|rollback)", this::confirm);
        post(VERSION + "/(activate|rollback)", this::lifecycle);
    }

    private void index(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        render(request, response, "rules/index", Map.of("books", ruleBase.activeVersions()));
    }

    private void rulebook(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        rulebookPage(request, response, m.group(1), HttpServletResponse.SC_OK, Map.of());
    }

    private void rulebookPage(HttpServletRequest request, HttpServletResponse response, String name, int status,
                              Map<String, Object> extra) throws IOException {
        RulebookVersion active = ruleBase.active(name).orElseThrow(() -> new NotFound("There is no rulebook " + name + "."));
        Map<String, Object> model = new HashMap<>(extra);
        model.put("book", name);
        model.put("active", active);
        model.put("versions", ruleBase.versions(name));
        response.setStatus(status);
        render(request, response, "rules/rulebook", model);
    }

    private void upload(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String name = m.group(1);
        String file = required(request, "file", "The file it replaces");
        String comment = optional(request, "comment");
        Part part = part(request);
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        if (content.length == 0) {
            throw new BadInput("Choose the spreadsheet to upload.");
        }
        try {
            RuleBase.Outcome outcome = ruleBase.draft(name, file, content, user(request), comment == null ? "" : comment);
            long failing = outcome.scenarios().stream().filter(s -> !s.passed()).count();
            redirect(request, response, ConsoleFilter.ROOT + "/rules/" + name + "/versions/" + outcome.version().version(),
                    "Version " + outcome.version().version() + " stored as a draft; " + (outcome.scenarios().size() - failing)
                            + " of " + outcome.scenarios().size() + " test scenarios pass.");
        } catch (RulebookRejectedException e) {
            rulebookPage(request, response, name, 422, Map.of("problems", e.problems(), "uploaded", part.getSubmittedFileName() == null ? file : part.getSubmittedFileName()));
        }
    }

    private static Part part(HttpServletRequest request) throws IOException {
        try {
            Part part = request.getPart("content");
            if (part == null) {
                throw new BadInput("Choose the spreadsheet to upload.");
            }
            return part;
        } catch (ServletException | IllegalStateException e) {
            throw new BadInput("The upload was not read: " + e.getMessage() + " (at most 8 MiB).");
        }
    }

    private void version(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        versionPage(request, response, m.group(1), Integer.parseInt(m.group(2)), HttpServletResponse.SC_OK, Map.of());
    }

    private void versionPage(HttpServletRequest request, HttpServletResponse response, String name, int version,
                             int status, Map<String, Object> extra) throws IOException {
        RuleBase.VersionStatus found = ruleBase.versions(name).stream().filter(s -> s.version().version() == version)
                .findFirst().orElseThrow(() -> new NotFound("Rulebook " + name + " has no version " + version + "."));
        Map<String, Object> model = new HashMap<>(extra);
        model.put("book", name);
        model.put("status", found);
        model.put("v", found.version());
        model.put("active", ruleBase.active(name).orElse(null));
        model.put("lint", review.lint(name, version));
        model.put("replayable", Replays.RULEBOOKS.contains(name));
        List<ReplayRun> runs = Replays.RULEBOOKS.contains(name) ? replays.list(name, version, 10) : List.of();
        model.put("replays", runs);
        // The newest finished replay, whose figures the activation's confirmation shows.
        runs.stream().filter(r -> r.state() == ReplayRun.State.DONE).findFirst()
                .flatMap(r -> replays.find(r.id()))
                .ifPresent(r -> {
                    model.put("replay", r);
                    model.put("report", JsonViews.read(r.summaryJson()));
                });
        model.put("replayFrom", LocalDate.now(ZoneOffset.UTC).minusDays(7).toString());
        model.put("replayTo", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
        response.setStatus(status);
        render(request, response, "rules/version", model);
    }

    /** Replays the recorded calls of a period through this version, in the background. */
    private void replay(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String name = m.group(1);
        int version = Integer.parseInt(m.group(2));
        Instant from = day(required(request, "from", "The period's first day"), "first day");
        Instant to = day(required(request, "to", "The period's end"), "end");
        ReplayRun run = replays.start(new ReplayRequest(name, version, from, to), user(request));
        redirect(request, response, ConsoleFilter.ROOT + "/rules/replays/" + run.id(),
                "Replay " + run.id() + " started: the recorded calls from " + from + " to " + to + ".");
    }

    private static Instant day(String text, String label) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInput("The period's " + label + " must be a date such as 2026-11-09.");
        }
    }

    private void replayPage(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        ReplayRun run = replays.find(id).orElseThrow(() -> new NotFound("There is no replay " + id + "."));
        Map<String, Object> model = new HashMap<>();
        model.put("run", run);
        model.put("report", JsonViews.read(run.summaryJson()));
        model.put("changes", run.changesJson() == null ? List.of() : JsonViews.read(run.changesJson()));
        render(request, response, "rules/replay", model);
    }

    private void cancelReplay(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        ReplayRun run = replays.cancel(id, user(request));
        redirect(request, response, ConsoleFilter.ROOT + "/rules/replays/" + id, switch (run.state()) {
            case CANCELLED -> "Replay " + id + " cancelled.";
            case RUNNING -> "Replay " + id + " is stopping.";
            default -> "Replay " + id + " ended " + run.state() + " before it could be cancelled.";
        });
    }

    /** The cell-level differences between two versions (default: the active one and the newest). */
    private void diff(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String name = m.group(1);
        List<RuleBase.VersionStatus> versions = ruleBase.versions(name);
        if (versions.isEmpty()) {
            throw new NotFound("There is no rulebook " + name + ".");
        }
        int newest = versions.stream().mapToInt(v -> v.version().version()).max().orElseThrow();
        int active = ruleBase.active(name).map(RulebookVersion::version).orElse(newest);
        int from = number(optional(request, "from"), active, "from");
        int to = number(optional(request, "to"), newest, "to");
        Map<String, Object> model = new HashMap<>();
        model.put("book", name);
        model.put("versions", versions);
        model.put("from", from);
        model.put("to", to);
        model.put("diff", review.diff(name, from, to));
        render(request, response, "rules/diff", model);
    }

    private static int number(String text, int otherwise, String field) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadInput("Version \u201c" + field + "\u201d must be a whole number.");
        }
    }

    /** The confirmation before a version decides: what changes, and what the replay of recorded calls said. */
    private void confirm(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        versionPage(request, response, m.group(1), Integer.parseInt(m.group(2)), HttpServletResponse.SC_OK,
                Map.of("confirm", m.group(3)));
    }

    private void download(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String name = m.group(1);
        int version = Integer.parseInt(m.group(2));
        String file = m.group(3);
        byte[] bytes = ruleBase.versionFile(name, version, file)
                .orElseThrow(() -> new NotFound("Version " + version + " of " + name + " has no file " + file + "."));
        response.setContentType(file.endsWith(".xlsx")
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/plain;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + version + "-" + file + "\"");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Activation (once every test scenario passes) or rollback, confirmed on the page before. */
    private void lifecycle(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String name = m.group(1);
        int version = Integer.parseInt(m.group(2));
        boolean activate = m.group(3).equals("activate");
        try {
            if (activate) {
                ruleBase.activate(name, version, user(request));
            } else {
                ruleBase.rollback(name, version, user(request));
            }
            redirect(request, response, ConsoleFilter.ROOT + "/rules/" + name, activate
                    ? "Version " + version + " of " + name + " now decides."
                    : "Rolled back: version " + version + " of " + name + " decides again.");
        } catch (ScenariosFailedException e) {
            versionPage(request, response, name, version, HttpServletResponse.SC_CONFLICT,
                    Map.of("failures", e.outcome().scenarios().stream().filter(s -> !s.passed()).toList()));
        } catch (RulebookRejectedException e) {
            versionPage(request, response, name, version, 422, Map.of("problems", e.problems()));
        }
    }

    private void simulateForm(HttpServletRequest request, HttpServletResponse response, Map<String, Object> extra)
            throws IOException {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("books", ruleBase.activeVersions());
        model.put("pbxs", masterData.pbxs());
        model.putIfAbsent("form", Map.of());
        render(request, response, "rules/simulate", model);
    }

    private void simulate(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String f : List.of("rulebook", "version", "direction", "source", "calling", "called", "at")) {
            String v = optional(request, f);
            if (v != null) {
                form.put(f, v);
            }
        }
        String rulebook = form.getOrDefault("rulebook", "routing");
        int version;
        try {
            version = form.containsKey("version") ? Integer.parseInt(form.get("version"))
                    : ruleBase.active(rulebook).orElseThrow(() -> new BadInput("There is no rulebook " + rulebook + ".")).version();
        } catch (NumberFormatException e) {
            throw new BadInput("Version must be a whole number.");
        }
        Instant at;
        try {
            at = form.containsKey("at") ? Instant.parse(form.get("at")) : Instant.now();
        } catch (DateTimeParseException e) {
            throw new BadInput("The call's time must be an ISO-8601 instant such as 2026-12-05T14:00:00Z.");
        }
        RouteRequest.Direction direction = "INBOUND".equals(form.get("direction"))
                ? RouteRequest.Direction.INBOUND : RouteRequest.Direction.OUTBOUND;
        RouteRequest call = new RouteRequest("console-" + UUID.randomUUID(), direction, form.get("source"),
                form.get("calling"), form.get("called"), at);
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        try {
            RouteDecision decision = decisions.simulate(rulebook, version, call);
            model.put("decision", decision);
        } catch (InvalidRouteRequest e) {
            model.put("refused", e.getMessage());
        } catch (RulebookRejectedException e) {
            model.put("refused", e.getMessage());
        }
        simulateForm(request, response, model);
    }

    private void scenarioPage(HttpServletRequest request, HttpServletResponse response, List<ScenarioOutcome> results)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("csv", scenarios.asCsv());
        if (results != null) {
            model.put("results", results);
            model.put("passed", results.stream().filter(ScenarioOutcome::passed).count());
        }
        render(request, response, "rules/scenarios", model);
    }

    private void saveScenarios(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String csv = required(request, "csv", "The scenarios");
        int stored = scenarios.replaceAll(csv.getBytes(StandardCharsets.UTF_8));
        redirect(request, response, ConsoleFilter.ROOT + "/rules/scenarios", stored + " scenarios stored.");
    }
}
