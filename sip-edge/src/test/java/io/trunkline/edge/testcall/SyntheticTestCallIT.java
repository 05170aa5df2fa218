package io.trunkline.edge.testcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic test calls placed through a real edge node by {@code POST /v1/test-calls}, with SIPp as the PBX and the
 * carriers and a stand-in platform deciding: the calls take the real calls' path (decision, failover, attempt
 * timeout) and their records are journaled with the request's id.
 */
class SyntheticTestCallIT {

    static final int EDGE = 17250;
    static final int PBX = 17251;
    static final int CARRIER_A = 17252;
    static final int CARRIER_B = 17253;
    static final int PBX_TRUNK = 17254;
    static final int CARRIER_SOURCE = 17256;
    static final int HTTP = 17255;
    static final String TOKEN = "it-token-0123456789abcdefghij";

    @TempDir
    static Path dir;
    static DecisionServer platform;
    static EdgeProcess edge;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        platform = DecisionServer.start(body -> {
            List<Route> routes = new ArrayList<>();
            if (body.contains("\"direction\":\"INBOUND\"")) {
                // DID +12125552001 is PBX hq-cucm's extension 2001.
                routes.add(new Route("hq-cucm", Route.Kind.PBX, "sip:2001@127.0.0.1:" + PBX_TRUNK, "+14165550123", null,
                        null, "DID +12125552001"));
            } else {
                routes.add(new Route("carrier-a", Route.Kind.CARRIER, "sip:+442071234567@127.0.0.1:" + CARRIER_A,
                        "+12125552001", null, "USD", "LEAST_COST position 1"));
                routes.add(new Route("carrier-b", Route.Kind.CARRIER, "sip:+442071234567@127.0.0.1:" + CARRIER_B,
                        "+12125552001", null, "USD", "LEAST_COST position 2"));
            }
            return new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test", "INTERNATIONAL", "+442071234567",
                    "+12125552001", routes, List.of(408, 500, 503), 2000, Map.of(), List.of(), Instant.now());
        });
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "test-call-edge", EDGE, 17721,
                "127.0.0.1:17721", Map.of(
                        "platform.url", platform.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX,
                        "carrier.carrier-a.sources", "127.0.0.1:" + CARRIER_SOURCE,
                        "testcalls.port", Integer.toString(HTTP),
                        "testcalls.token", TOKEN));
        edge.awaitLog("ready", 60);
        edge.awaitLog("test calls served on http://127.0.0.1:" + HTTP, 5);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static HttpResponse<String> post(String token, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/v1/test-calls"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static TestCallResult place(TestCallRequest request) throws Exception {
        HttpResponse<String> answer = post(TOKEN, TestCallCodec.write(request));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestCallCodec.readResult(answer.body());
    }

    /** The journaled record of test call {@code id}, once the node has written it. */
    private static CallRecord journaled(String id) throws Exception {
        edge.awaitLog("test call " + id + " ", 5);
        for (String line : Files.readAllLines(dir.resolve("journal").resolve("test-call-edge.journal"))) {
            if (line.startsWith("E ") && line.contains("\"testCall\":\"" + id + "\"")) {
                return CallRecord.fromJson(line.split(" ", 4)[3]);
            }
        }
        throw new AssertionError("no journaled record of test call " + id);
    }

    @Test
    void anInboundTestCallFromACarrierReachesThePbx() throws Exception {
        Process pbxTrunk = Sipp.start(dir, "inbound-pbx", "-m", "1", "-sn", "uas", "-p", Integer.toString(PBX_TRUNK));
        TestCallResult r = place(new TestCallRequest("port-7:12125552001", RouteRequest.Direction.INBOUND, "carrier-a",
                "+14165550123", "+12125552001", Set.of(), 300, 20_000));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(TestCallResult.Outcome.ANSWERED);
        assertThat(r.sipCode()).isEqualTo(200);
        assertThat(r.answeredBy()).isEqualTo("hq-cucm");
        assertThat(r.setupMs()).isNotNull();
        assertThat(Sipp.exit(pbxTrunk)).as("the PBX's trunk: INVITE, 180, 200, ACK, the node's BYE, 200").isZero();
        assertThat(platform.asked()).anyMatch(b -> b.contains("\"direction\":\"INBOUND\"")
                && b.contains("\"source\":\"carrier-a\"") && b.contains("\"called\":\"+12125552001\""));

        CallRecord record = journaled("port-7:12125552001");
        assertThat(record.callId()).isEqualTo(r.callId());
        assertThat(record.direction()).isEqualTo("INBOUND");
        assertThat(record.origin()).isEqualTo("carrier-a");
        assertThat(record.pbx()).isEqualTo("hq-cucm");
        assertThat(record.answeredAt()).isNotNull();
        assertThat(record.releaseCode()).isEqualTo(200);
    }

    @Test
    void anOutboundTestCallSkipsTheCarrierDownForItAndIsAnsweredByTheNext() throws Exception {
        Process carrierB = Sipp.start(dir, "drill-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        TestCallResult r = place(new TestCallRequest("drill-3", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001",
                "9011442071234567", Set.of("carrier-a"), 200, 20_000));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(TestCallResult.Outcome.ANSWERED);
        assertThat(r.answeredBy()).isEqualTo("carrier-b");
        assertThat(r.attempts()).extracting(TestCallResult.Attempt::target, TestCallResult.Attempt::code,
                TestCallResult.Attempt::skipped, TestCallResult.Attempt::reason).containsExactly(
                tuple("carrier-a", null, true, "down for test call"), tuple("carrier-b", 200, false, null));
        assertThat(Sipp.exit(carrierB)).as("carrier B carried the call and got the node's BYE").isZero();
        assertThat(journaled("drill-3").attempts()).extracting(CallRecord.Attempt::target, CallRecord.Attempt::sipCode)
                .containsExactly(tuple("carrier-a", null), tuple("carrier-b", 200));
    }

    @Test
    void withTheNextCarrierSilentTooTheTestCallFailsWithItsAttempts() throws Exception {
        TestCallResult r = place(new TestCallRequest("drill-4", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001",
                "9011442071234567", Set.of("carrier-a"), 200, 10_000));
        assertThat(r.outcome()).as(r.detail()).isIn(TestCallResult.Outcome.FAILED, TestCallResult.Outcome.TIMEOUT);
        assertThat(r.answeredBy()).isNull();
        assertThat(r.setupMs()).isNull();
        assertThat(r.attempts()).extracting(TestCallResult.Attempt::target, TestCallResult.Attempt::code,
                TestCallResult.Attempt::skipped).containsExactly(tuple("carrier-a", null, true),
                tuple("carrier-b", null, false));
        assertThat(journaled("drill-4").answeredAt()).isNull();
    }

    @Test
    void requestsWithoutTheTokenOrWithBadFieldsOrAnUnknownSourceAreRefused() throws Exception {
        String valid = TestCallCodec.write(new TestCallRequest("bad-1", RouteRequest.Direction.OUTBOUND, "hq-cucm",
                "2001", "9011442071234567", Set.of()));
        HttpResponse<String> wrong = post("not-the-token-not-the-token", valid);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");

        HttpResponse<String> broken = post(TOKEN, valid.replace("\"timeoutMs\":30000", "\"timeoutMs\":\"soon\""));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"error\":\"invalid_request\"", "\"field\":\"timeoutMs\"");
        HttpResponse<String> notJson = post(TOKEN, "{\"id\":\"bad-1\",");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"field\":\"body\"");

        HttpResponse<String> unknown = post(TOKEN, valid.replace("\"hq-cucm\"", "\"branch-9\""));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"field\":\"source\"");
        assertThat(platform.asked()).noneMatch(b -> b.contains("branch-9"));
    }
}
