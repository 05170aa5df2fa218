package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.json.JsonObject;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser (Debian's chromium, headless, through its chromedriver) against the deployed EAR on
 * PostgreSQL with the demo enterprise: one flow per user group, the role checks of every section and the CSRF guard.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String CONTAINER = "wildfly";
    private static final String UI = "http://127.0.0.1:8080/ui/";
    private static final Path DIR = Path.of("target", "console");
    private static final String EDGE_SIP = "16510";
    private static final String PBX = "16511";
    private static final String CARRIER_A = "16512";
    private static final String LONDON = "9011442071234567";
    private static final List<Process> SIPP = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static WebDriver browser;
    private static EdgeProcess edge;
    private static String scenariosBefore;
    private static long recordedWeek;

    @ArquillianResource
    private ContainerController controller;

    @AfterAll
    static void closeEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        SIPP.forEach(Process::destroy);
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    @Order(1)
    void deploysWithTheDemoEnterprise() throws Exception {
        Files.createDirectories(DIR);
        controller.start(CONTAINER);
        Platform.deploy();
        await(Duration.ofSeconds(90), () -> Api.get("health", null).status() == 503 || Api.get("health", null).status() == 200
                ? true : null);
        for (String kind : new String[]{"carriers", "pbxs"}) {
            try (var files = Files.list(Path.of("..", "demo").resolve(kind))) {
                for (Path f : files.sorted().toList()) {
                    String json = Files.readString(f);
                    if (f.getFileName().toString().equals("carrier-a.json")) {
                        json = json.replaceAll("\"trunkUri\": \"[^\"]*\"", "\"trunkUri\": \"sip:127.0.0.1:" + CARRIER_A + "\"");
                    }
                    Api.Reply r = Api.putJson(kind + "/" + f.getFileName().toString().replace(".json", ""), "oscar", json);
                    assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
                }
            }
        }
        assertThat(Api.putJson("routing/inbound-default", "oscar", Files.readString(Path.of("..", "demo", "inbound-default.json")))
                .status()).isEqualTo(200);
        try (var decks = Files.list(Path.of("..", "demo", "ratedecks"))) {
            for (Path deck : decks.sorted().toList()) {
                String carrier = deck.getFileName().toString().replaceAll("_.*", "");
                // The bad line made this run's own, so the upload is never a duplicate of an earlier class's.
                String csv = Files.readString(deck).replace("zero point one", "zero point one (" + System.nanoTime() + ")");
                assertThat(Api.postCsv("carriers/" + carrier + "/rate-deck", "oscar", csv).status()).isEqualTo(200);
            }
        }
        scenariosBefore = Api.get("rulebooks/scenarios", "ana").body();
        recordedWeek = RecordedWeek.load();
        assertThat(Api.putCsv("rulebooks/scenarios", "ana", Files.readString(Path.of("..", "rules", "src", "main", "resources",
                "io", "trunkline", "rules", "scenarios", "worked-example.csv"))).status()).isEqualTo(200);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("trunkline.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @Test
    @Order(2)
    void loginIsThroughTheRealmAndEachSectionIsRefusedToOtherRoles() throws Exception {
        browser.get(UI + "rules/");
        assertThat(browser.getCurrentUrl()).as("no session: the login page").startsWith(UI + "login");
        login("ana", "wrong");
        assertThat(text("[role=alert]")).isEqualTo("Wrong user name or password.");
        login("edge-1", "edge-1");
        assertThat(text("[role=alert]")).contains("none of the console's roles");

        login("ana", "ana");
        assertThat(menu()).containsExactly("Home", "Rulebooks");
        assertRefused("ops/", "work/", "ops/calls", "work/workflows");
        logout();
        login("carla", "carla");
        assertThat(menu()).containsExactly("Home", "Workflows");
        assertRefused("rules/", "rules/simulate", "ops/alerts");
        logout();
        login("oscar", "oscar");
        assertThat(menu()).containsExactly("Home", "Operations");
        assertRefused("rules/routing", "work/");
        logout();
        login("adam", "adam");
        assertThat(menu()).containsExactly("Home", "Rulebooks", "Workflows", "Operations");
        logout();
        browser.get(UI + "ops/");
        assertThat(browser.getCurrentUrl()).as("logged out").startsWith(UI + "login");

        // Security headers on every page; the session cookie out of scripts' reach.
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(UI + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    @Order(3)
    void aForgedPostIsRefusedAndNothingChanges() throws Exception {
        login("oscar", "oscar");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        long alert = openAlert("forged-post-check");
        // Another site's form: the session cookie, no token.
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(UI + "ops/alerts/" + alert + "/ack"))
                .header("Cookie", "JSESSIONID=" + session.getValue()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("security token").doesNotContain("Exception");
        // A token from another session, and the right token sent from another origin.
        String token = browser.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
        HttpResponse<String> otherOrigin = HTTP.send(HttpRequest.newBuilder(URI.create(UI + "ops/alerts/" + alert + "/ack"))
                .header("Cookie", "JSESSIONID=" + session.getValue()).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        String anotherSessionsToken = Session.of("oscar").token();
        HttpResponse<String> otherSession = HTTP.send(HttpRequest.newBuilder(URI.create(UI + "ops/alerts/" + alert + "/ack"))
                .header("Cookie", "JSESSIONID=" + session.getValue()).header("Origin", "http://127.0.0.1:8080")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + anotherSessionsToken)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherSession.statusCode()).as("another session's token").isEqualTo(403);
        assertThat(otherSession.body()).contains("security token");
        // The REST API reached with the session alone needs the token too.
        HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/v1/alerts/" + alert + "/ack"))
                .header("Cookie", "JSESSIONID=" + session.getValue()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(alertState(alert)).as("no forged request acknowledged it").isEqualTo("OPEN");
        deleteAlert(alert);
        logout();
    }

    /**
     * Every route of the rulebook, workflow and operations pages, each page and each action, sent over HTTP by a
     * logged-in user of each role it is not for, with that session's own token from this host: refused with 403 for
     * the role (not the token), and nothing done. The same GETs by a role they are for are answered (ids that do
     * not exist: 404, never a 500).
     */
    @Test
    @Order(4)
    void everyPageAndActionIsRefusedToTheRolesItIsNotFor() throws Exception {
        Map<String, List<String[]>> routes = Map.of(
                "analyst", List.of(new String[][]{{"GET", "rules/"}, {"GET", "rules/simulate"},
                        {"POST", "rules/simulate"}, {"GET", "rules/scenarios"}, {"POST", "rules/scenarios"},
                        {"POST", "rules/scenarios/run"}, {"GET", "rules/routing"},
                        {"GET", "rules/routing/diff?from=1&to=2"}, {"POST", "rules/routing/versions/1/replays"},
                        {"GET", "rules/replays/999999"}, {"POST", "rules/replays/999999/cancel"},
                        {"POST", "rules/routing/drafts"}, {"GET", "rules/routing/versions/999999"},
                        {"GET", "rules/routing/versions/999999/files/RoutingPolicy.drl.xlsx"},
                        {"GET", "rules/routing/versions/999999/activate"}, {"POST", "rules/routing/versions/1/activate"},
                        {"GET", "rules/routing/versions/999999/rollback"}, {"POST", "rules/routing/versions/1/rollback"}}),
                "compliance", List.of(new String[][]{{"GET", "work/"}, {"GET", "work/tasks/999999"},
                        {"POST", "work/tasks/1/claim"}, {"POST", "work/tasks/1/complete"}, {"GET", "work/workflows"},
                        {"GET", "work/workflows/999999"}, {"POST", "work/workflows/1/documents"}}),
                "ops", List.of(new String[][]{{"GET", "ops/"}, {"GET", "ops/trunks"}, {"GET", "ops/metrics"},
                        {"GET", "ops/alerts"}, {"POST", "ops/alerts/1/ack"}, {"GET", "ops/ingest"},
                        {"GET", "ops/ingest/999999"}, {"GET", "ops/calls"}, {"GET", "ops/calls/no-such-call"}}));
        Map<String, Session> sessions = Map.of("analyst", Session.of("ana"), "compliance", Session.of("carla"),
                "ops", Session.of("oscar"));
        String versionsBefore = rulebookStates();
        int refused = 0;
        for (Map.Entry<String, List<String[]>> section : routes.entrySet()) {
            for (String[] route : section.getValue()) {
                for (Map.Entry<String, Session> user : sessions.entrySet()) {
                    HttpResponse<String> r = user.getValue().send(route[0], route[1]);
                    String what = user.getKey() + " " + route[0] + " /ui/" + route[1];
                    if (user.getKey().equals(section.getKey())) {
                        if (route[0].equals("GET")) {
                            assertThat(r.statusCode()).as(what).isIn(200, 404);
                        }
                        continue;
                    }
                    assertThat(r.statusCode()).as(what).isEqualTo(403);
                    assertThat(r.body()).as(what).contains("your account does not have that role")
                            .doesNotContain("Exception");
                    refused++;
                }
            }
        }
        assertThat(refused).as("34 routes, each refused to the two other roles").isEqualTo(34 * 2);

        // Paths the container resolves to a section's page but that do not start with the section's path.
        Session nobody = new Session(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), "");
        for (String sneaky : List.of("static/../rules/scenarios", "static/%2e%2e/ops/calls", "static/..%2fops/alerts",
                "%72ules/routing", "rules;x=1/routing", "ops/./calls")) {
            HttpResponse<String> get = nobody.send("GET", sneaky);
            assertThat(get.statusCode()).as("GET /ui/" + sneaky + " without a session").isIn(302, 400, 404);
            assertThat(get.body()).as(sneaky).doesNotContain("Scenarios", "Exception");
            assertThat(nobody.send("POST", sneaky).statusCode()).as("POST /ui/" + sneaky + " without a session")
                    .isIn(400, 403, 404);
        }
        for (String sneaky : List.of("%72ules/routing", "static/../rules/", "rules;x=1/routing")) {
            HttpResponse<String> get = sessions.get("ops").send("GET", sneaky);
            assertThat(get.statusCode()).as("ops GET /ui/" + sneaky).isIn(400, 403, 404);
            assertThat(get.body()).as(sneaky).doesNotContain("routing@1");
        }
        assertThat(sessions.get("ops").send("POST", "%72ules/routing/versions/1/activate").statusCode())
                .as("ops activating through an encoded path").isIn(400, 403, 404);
        assertThat(sessions.get("compliance").send("POST", "static/../rules/scenarios").statusCode())
                .isIn(400, 403, 404);
        assertThat(rulebookStates()).as("no rulebook version made, activated or rolled back").isEqualTo(versionsBefore);
    }

    @Test
    @Order(5)
    void anAnalystMovesCanadaToCarrierCAndBack() throws Exception {
        login("ana", "ana");
        browser.get(UI + "rules/routing");
        // A draft with a strategy no one knows: refused at its sheet, row and column; nothing stored.
        byte[] bad = RoutingPolicyTableSource.shipped().cell(3, 12, "CHEAPEST").toXlsx();
        upload("RoutingPolicy.drl.xlsx", bad, "a typo in a strategy");
        assertThat(text("#problems-title")).contains("Refused");
        WebElement problem = browser.findElement(By.cssSelector("table.problems tbody tr"));
        assertThat(problem.findElement(By.cssSelector(".sheet")).getText()).isEqualTo("RoutingPolicy");
        assertThat(problem.findElement(By.cssSelector(".row")).getText()).isEqualTo("13");
        assertThat(problem.findElement(By.cssSelector(".column")).getText()).isEqualTo("N");
        assertThat(problem.getText()).contains("CHEAPEST").contains("LEAST_COST");
        int versions = browser.findElements(By.cssSelector("table.versions tbody tr")).size();

        // The good draft: Canada through C first.
        upload("RoutingPolicy.drl.xlsx", RoutingPolicyTableSource.canadaVia("carrier-c carrier-a").toXlsx(), "Canada via C");
        assertThat(text(".flash")).contains("stored as a draft");
        String draftUrl = browser.getCurrentUrl();
        int draft = Integer.parseInt(draftUrl.replaceAll(".*/versions/", ""));
        assertThat(text("h1")).contains("DRAFT");
        assertThat(text("#lint-title")).as("the linter passes the draft").startsWith("Linter: 0 errors");

        // The replay of the demo's recorded week: the Canadian calls move from B to C, at another cost.
        setDate("replay-from", RecordedWeek.FROM);
        setDate("replay-to", RecordedWeek.TO);
        follow(By.id("start-replay"));
        assertThat(text(".flash")).contains("started");
        await(Duration.ofSeconds(60), () -> {
            browser.navigate().refresh();
            return text("#replay-state").equals("DONE") ? true : null;
        });
        assertThat(Integer.parseInt(text("#replay-order-changed"))).isPositive();
        List<WebElement> moved = browser.findElements(By.cssSelector("#replay-changes tbody tr"));
        assertThat(moved).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("+1").contains("carrier-b")
                .contains("carrier-c"));
        java.util.regex.Matcher cost = java.util.regex.Pattern.compile("USD: before ([-0-9.]+), after ([-0-9.]+), change ([-0-9.]+)")
                .matcher(text("#replay-cost"));
        assertThat(cost.find()).as(text("#replay-cost")).isTrue();
        assertThat(new java.math.BigDecimal(cost.group(2)).subtract(new java.math.BigDecimal(cost.group(1))))
                .as("the cost delta").isEqualByComparingTo(new java.math.BigDecimal(cost.group(3))).isNotZero();
        assertThat(text("tr[data-carrier='carrier-c']")).isNotBlank();
        browser.get(draftUrl);
        follow(By.id("diff-link"));
        WebElement changed = browser.findElement(By.cssSelector("table.cells tbody tr.changed"));
        assertThat(changed.findElement(By.cssSelector(".cell-column")).getText()).isEqualTo("F");
        assertThat(changed.findElement(By.cssSelector(".old")).getText()).isEqualTo("carrier-b carrier-a");
        assertThat(changed.findElement(By.cssSelector(".new")).getText()).isEqualTo("carrier-c carrier-a");
        assertThat(browser.findElements(By.cssSelector("table.cells tbody tr.changed"))).as("one cell changed").hasSize(1);

        // Its scenario must say so before it may decide: the analyst edits it.
        browser.get(UI + "rules/scenarios");
        WebElement csv = browser.findElement(By.id("csv"));
        String edited = csv.getAttribute("value").replace("Canada goes via carrier B,OUTBOUND,hq-cucm,2001,914165550123,,ROUTE,INTERNATIONAL,carrier-b carrier-a",
                "Canada goes via carrier C,OUTBOUND,hq-cucm,2001,914165550123,,ROUTE,INTERNATIONAL,carrier-c carrier-a");
        assertThat(edited).contains("carrier-c carrier-a");
        csv.clear();
        csv.sendKeys(edited);
        follow(By.cssSelector("form[action$='/ui/rules/scenarios'] button"));
        assertThat(text(".flash")).contains("scenarios stored");

        browser.get(draftUrl);
        follow(By.id("activate-link"));
        assertThat(text("#confirmation h2")).isEqualTo("Activate version " + draft + "?");
        assertThat(text("#confirmation #replay-order-changed")).as("the replay's summary at activation").isNotBlank();
        follow(By.id("confirm"));
        assertThat(text(".flash")).contains("Version " + draft + " of routing now decides");
        assertThat(browser.findElements(By.cssSelector("table.versions tbody tr"))).hasSize(versions + 1);
        assertThat(firstRouteOfACanadianCall()).isEqualTo("carrier-c");

        browser.get(UI + "rules/routing/versions/1");
        follow(By.id("rollback-link"));
        follow(By.id("confirm"));
        assertThat(text(".flash")).contains("version 1 of routing decides again");
        assertThat(firstRouteOfACanadianCall()).isEqualTo("carrier-b");
        assertThat(Api.putCsv("rulebooks/scenarios", "ana", Files.readString(Path.of("..", "rules", "src", "main",
                "resources", "io", "trunkline", "rules", "scenarios", "worked-example.csv"))).status()).isEqualTo(200);
        logout();
    }

    @Test
    @Order(6)
    void aComplianceOfficerCompletesATaskWithItsFormAndAnAttachment() throws Exception {
        Api.Reply started = Api.post("workflows", "carla", "{\"processId\":\"failover.FailoverTest\",\"variables\":{"
                + "\"carrier\":\"carrier-b\",\"waitFor\":\"PT1S\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        long id = started.json().asJsonObject().getJsonNumber("id").longValue();
        login("carla", "carla");
        openTask(id, "Approve failover test plan");
        follow(By.id("complete"));
        assertThat(text(".flash")).contains("completed");

        Api.task("carla", id, "Record failover test evidence");
        openTask(id, "Record failover test evidence");
        Path evidence = DIR.resolve("failover-evidence.pdf").toAbsolutePath();
        Files.write(evidence, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        browser.findElement(By.id("attach-file")).sendKeys(evidence.toString());
        follow(By.id("attach"));
        assertThat(text(".flash")).contains("Attached failover-evidence.pdf");
        browser.findElement(By.id("f-outcome")).sendKeys("PASSED: carrier-a took the calls");
        browser.findElement(By.id("f-failoverSeconds")).sendKeys("4");
        follow(By.id("complete"));
        assertThat(text(".flash")).contains("Record failover test evidence").contains("completed");
        assertThat(browser.getCurrentUrl()).isEqualTo(UI + "work/workflows/" + id);
        assertThat(text("h1")).contains("COMPLETED");
        List<String> timeline = browser.findElements(By.cssSelector("#timeline li")).stream().map(WebElement::getText).toList();
        assertThat(timeline).anySatisfy(e -> assertThat(e).contains("carla").contains("TASK_COMPLETED")
                .contains("Record failover test evidence"));
        assertThat(timeline).anySatisfy(e -> assertThat(e).contains("carla").contains("DOCUMENT_ADDED")
                .contains("failover-evidence.pdf"));
        assertThat(text("#documents")).contains("failover-evidence.pdf");
        assertThat(Api.get("workflows/" + id, "carla").json().asJsonObject().getJsonObject("variables")
                .getString("failoverSeconds")).isEqualTo("4");
        logout();
    }

    @Test
    @Order(7)
    void anOpsEngineerFindsACallAcknowledgesAnAlertAndSeesAQuarantinedLine() throws Exception {
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), DIR, "console-edge", Integer.parseInt(EDGE_SIP),
                15711, "127.0.0.1:15711", Map.of("platform.url", "http://127.0.0.1:8080", "platform.user", "edge-1",
                        "platform.password", "edge-1", "pbx.hq-cucm.sources", "127.0.0.1:" + PBX,
                        "carrier.carrier-a.sources", "127.0.0.1:" + CARRIER_A));
        edge.awaitLog("ready", 60);
        // Its first decisions would otherwise go to the local fallback while its connections warm up.
        edge.awaitLog("open for decisions", 30);
        java.time.Instant placed = java.time.Instant.now().minusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Process carrier = Sipp.start(DIR, "carrier-a", "-m", "1", "-sn", "uas", "-p", CARRIER_A);
        SIPP.add(carrier);
        Process pbx = Sipp.start(DIR, "pbx", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE_SIP, "-s", LONDON, "-p", PBX, "-d", "300");
        SIPP.add(pbx);
        assertThat(Sipp.exit(pbx)).as("the PBX's call was answered").isZero();
        await(Duration.ofSeconds(60), () -> Api.get("calls?pbx=hq-cucm&carrier=carrier-a", "oscar").json().asJsonObject()
                .getJsonArray("calls").stream().anyMatch(c -> c.asJsonObject().getString("node").equals("console-edge")) ? true : null);

        login("oscar", "oscar");
        browser.get(UI + "ops/calls");
        browser.findElement(By.id("call-number")).sendKeys("+442071234567");
        WebElement from = browser.findElement(By.id("call-from"));
        from.clear();
        from.sendKeys(placed.toString());
        follow(By.cssSelector("#call-search button"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#calls tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(LONDON).contains("carrier-a").contains("answered");
        follow(rows.get(0).findElement(By.cssSelector("a")));
        String ladder = text("#ladder");
        assertThat(ladder).contains("Attempt 1: carrier-a").contains("200").contains("answered").contains("released by PBX");
        assertThat(text("#trace")).as("the decision's trace").contains("carrier-a");

        long alert = openAlert("console-ack-check");
        browser.get(UI + "ops/alerts");
        follow(By.cssSelector("tr[data-alert='" + alert + "'] button"));
        assertThat(text(".flash")).contains("Alert " + alert).contains("acknowledged");
        assertThat(alertState(alert)).isEqualTo("ACKNOWLEDGED");
        deleteAlert(alert);

        browser.get(UI + "ops/ingest");
        // Carrier C's deck with its bad line (an earlier upload of the same content is a duplicate with none).
        follow(By.cssSelector("tr[data-file^='carrier-c']:not([data-quarantined='0']) a"));
        assertThat(text("#quarantine")).contains("zero point one");

        for (String c : new String[]{"carrier-a"}) {
            assertThat(Api.putJson("carriers/" + c, "oscar", Files.readString(Path.of("..", "demo", "carriers", c + ".json")))
                    .status()).isEqualTo(200);
        }
        logout();
    }

    @Test
    @Order(8)
    void undeploys() throws Exception {
        if (recordedWeek > 0) {
            RecordedWeek.forget(recordedWeek);
        }
        for (String sql : List.of("DELETE FROM call_attempt WHERE call_id IN (SELECT call_id FROM call_record WHERE node_id = ?)",
                "DELETE FROM call_record WHERE node_id = ?")) {
            try (Connection c = database(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "console-edge");
                ps.executeUpdate();
            }
        }
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("DELETE FROM replay_run WHERE requested_by = 'ana'")) {
            ps.executeUpdate();
        }
        if (scenariosBefore != null && !scenariosBefore.isBlank()) {
            Api.putCsv("rulebooks/scenarios", "ana", scenariosBefore);
        }
        Platform.undeploy();
        controller.stop(CONTAINER);
    }

    // --- helpers ---

    /** A console session over plain HTTP: logged in through the login form, with its CSRF token. */
    private record Session(HttpClient client, String token) {

        static Session of(String user) throws Exception {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(UI + "login"))
                    .header("Origin", "http://127.0.0.1:8080").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(user + " logs in").isEqualTo(302);
            String home = client.send(HttpRequest.newBuilder(URI.create(UI)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher token = java.util.regex.Pattern
                    .compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(home);
            assertThat(token.find()).as(user + "'s home page carries the token").isTrue();
            return new Session(client, token.group(1));
        }

        HttpResponse<String> send(String method, String path) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(UI + path));
            if (method.equals("POST")) {
                b.header("Origin", "http://127.0.0.1:8080").header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token));
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void login(String user, String password) {
        browser.get(UI + "login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        follow(By.cssSelector("main form button"));
        // The click returns before the browser has the answer: wait for the next page (or the login page's refusal).
        try {
            await(Duration.ofSeconds(10), () -> !browser.getCurrentUrl().startsWith(UI + "login")
                    || !browser.findElements(By.cssSelector("[role=alert]")).isEmpty() ? true : null);
        } catch (Exception e) {
            throw new AssertionError("no answer to the login of " + user, e);
        }
    }

    private static void logout() throws Exception {
        follow(By.cssSelector("form.logout button"));
        // The click returns before the browser has followed the logout's redirect.
        await(Duration.ofSeconds(10), () -> browser.getCurrentUrl().startsWith(UI + "login") ? true : null);
    }

    private static List<String> menu() {
        return browser.findElements(By.cssSelector("header nav a")).stream().map(WebElement::getText).toList();
    }

    private static void assertRefused(String... paths) {
        for (String p : paths) {
            browser.get(UI + p);
            assertThat(text("h1")).as(p).isEqualTo("Not allowed");
        }
    }

    /** The text of the element {@code css} selects; its absence fails naming the page and what it shows. */
    private static String text(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        if (found.isEmpty()) {
            throw new AssertionError("no " + css + " on " + browser.getCurrentUrl() + ", which shows: "
                    + browser.findElement(By.tagName("main")).getText());
        }
        try {
            return found.get(0).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException reloaded) {
            // The page replaced itself (a finished job's progress reloads it): read the new one.
            return text(css);
        }
    }

    private static void follow(By by) {
        follow(browser.findElement(by));
    }

    /**
     * Clicks a link or a form's button and returns once the browser shows the page that answers it. WebDriver's click
     * may return while the old page is still displayed; reading then finds the old page's elements (its flash message)
     * or elements that go stale under the reader.
     */
    private static void follow(WebElement target) {
        WebElement before = browser.findElement(By.tagName("html"));
        target.click();
        try {
            await(Duration.ofSeconds(30), () -> {
                try {
                    before.isEnabled();
                    return null;
                } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                    return "complete".equals(((org.openqa.selenium.JavascriptExecutor) browser)
                            .executeScript("return document.readyState")) ? true : null;
                }
            });
        } catch (Exception e) {
            throw new AssertionError("the click did not lead to a new page; still on " + browser.getCurrentUrl(), e);
        }
    }

    private static void upload(String file, byte[] content, String comment) throws Exception {
        Path path = DIR.resolve(System.nanoTime() + "-" + file).toAbsolutePath();
        Files.write(path, content);
        new Select(browser.findElement(By.id("file"))).selectByValue(file);
        browser.findElement(By.id("content")).sendKeys(path.toString());
        browser.findElement(By.id("comment")).sendKeys(comment);
        follow(By.cssSelector("form[action$='/drafts'] button"));
    }

    /** The first route of a Canadian call from HQ, simulated in the console on the active routing version. */
    private static String firstRouteOfACanadianCall() {
        browser.get(UI + "rules/simulate");
        browser.findElement(By.id("sim-source")).sendKeys("hq-cucm");
        browser.findElement(By.id("sim-calling")).sendKeys("2001");
        browser.findElement(By.id("sim-called")).sendKeys("914165550123");
        follow(By.id("simulate"));
        return browser.findElement(By.cssSelector("table.routes tbody tr .target")).getText();
    }

    private static void setDate(String id, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), isoDate);
    }

    private static void openTask(long workflow, String name) {
        browser.get(UI + "work/");
        follow(browser.findElements(By.cssSelector("#tasks tbody tr")).stream()
                .filter(r -> r.getText().contains(name) && r.getText().contains(String.valueOf(workflow)))
                .findFirst().orElseThrow(() -> new AssertionError("no task " + name + " of workflow " + workflow))
                .findElement(By.cssSelector("a")));
        assertThat(text("h1")).isEqualTo(name);
    }

    /**
     * An open alert of the kind that holds until someone acknowledges it (a banned SIP source). A metric alert would
     * not do: the evaluator, every 10 s, resolves any metric alert whose condition it does not see, so one inserted
     * here could be gone before the test reads it.
     */
    private static long openAlert(String key) throws Exception {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("INSERT INTO alert (alert_key, title, "
                + "severity, origin, dimension, subject, state, details, raised_at, updated_at) VALUES (?, 'SIP source banned', "
                + "'WARNING', 'security', 'source', '198.51.100.7', 'OPEN', 'request rate over the limit', now(), now()) RETURNING id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String alertState(long id) throws Exception {
        JsonObject a = Api.get("alerts?state=open&limit=1000", "oscar").json().asJsonObject().getJsonArray("alerts").stream()
                .map(v -> v.asJsonObject()).filter(o -> o.getJsonNumber("id").longValue() == id).findFirst().orElse(null);
        return a == null ? "GONE" : a.getString("state");
    }

    private static void deleteAlert(long id) throws Exception {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("DELETE FROM alert WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Every rulebook version and its state, in one line. */
    private static String rulebookStates() throws Exception {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("SELECT string_agg(rulebook || ' '"
                + " || version || ' ' || status, ',' ORDER BY rulebook, version) FROM rulebook_version");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
