package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RoutingCodec;
import io.trunkline.edge.testing.EdgeProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call flows through a real edge node with SIPp as the PBX and as the carriers. The platform is stood in
 * for by an HTTP server answering the decision the flow needs (the platform's own decisions are tested
 * against the deployed EAR in the system tests).
 */
class CallFlowsIT {

    static final int EDGE = 17060;
    static final int PBX = 17050;
    static final int CARRIER_A = 17061;
    static final int CARRIER_B = 17062;
    static final int PBX_TRUNK = 17063;
    static final int CARRIER_SOURCE = 17064;

    @TempDir
    static Path dir;
    static HttpServer platform;
    static EdgeProcess edge;
    static final AtomicReference<List<String>> ROUTES = new AtomicReference<>(List.of());
    static final List<String> ASKED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/api/v1/decisions/route", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ASKED.add(body);
            List<Route> routes = new ArrayList<>();
            if (body.contains("\"direction\":\"INBOUND\"")) {
                // The platform's answer for a call to DID +12125552001: PBX hq-cucm, extension 2001.
                routes.add(new Route("hq-cucm", Route.Kind.PBX, "sip:2001@127.0.0.1:" + PBX_TRUNK, "+14165550123", null,
                        null, "DID +12125552001"));
            }
            for (String uri : body.contains("\"direction\":\"INBOUND\"") ? List.<String>of() : ROUTES.get()) {
                String target = uri.endsWith(":" + CARRIER_A) ? "carrier-a" : uri.endsWith(":" + CARRIER_B) ? "carrier-b" : uri;
                routes.add(new Route(target, Route.Kind.CARRIER, uri, "+12125552001", null, "USD", "test route"));
            }
            RouteDecision d = new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test", "INTERNATIONAL",
                    "+442071234567", "+12125552001", routes, List.of(408, 500, 503), 2000, Map.of(), List.of(),
                    Instant.now());
            byte[] out = RoutingCodec.write(d).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        platform.start();
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "flow-edge", EDGE, 17701,
                "127.0.0.1:17701", Map.of(
                        "platform.url", "http://127.0.0.1:" + platform.getAddress().getPort(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX + ",127.0.0.1:" + (PBX + 1),
                        "carrier.carrier-a.max-channels", "1",
                        "carrier.carrier-a.sources", "127.0.0.1:" + CARRIER_SOURCE,
                        "carrier.carrier-b.number-format", "NATIONAL",
                        "carrier.carrier-b.add-headers", "X-Account: trunkline-42"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!edge.log().contains("ready") && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        awaitLog("ready");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.stop(0);
        }
    }

    /** The edge logs after it has answered, so a line may land just after SIPp is done. */
    private static void awaitLog(String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!edge.log().contains(text) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(edge.log()).contains(text);
    }

    private static String carrier(int port) {
        return "sip:+442071234567@127.0.0.1:" + port;
    }

    private static Process sipp(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-i", "127.0.0.1", "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin"));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    private static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String scenario(String name) {
        return Path.of("src/test/resources/sipp", name).toAbsolutePath().toString();
    }

    private static int pbxCall(String called) throws Exception {
        return exit(sipp("pbx-" + called, "-sn", "uac", "127.0.0.1:" + EDGE, "-s", called, "-p", Integer.toString(PBX),
                "-d", "500"));
    }

    @Test
    void basicCallIsAnsweredAndHungUp() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = sipp("basic-b", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        assertThat(pbxCall("9011442071234567")).as("PBX call: INVITE, 200, ACK, BYE, 200").isZero();
        assertThat(exit(carrierB)).as("carrier B: INVITE, 180, 200, ACK, BYE from the edge, 200").isZero();
        assertThat(ASKED).anyMatch(b -> b.contains("\"source\":\"hq-cucm\"") && b.contains("\"called\":\"9011442071234567\""));
    }

    @Test
    void carrierAnswering503FailsOverToTheNext() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = sipp("failover-a", "-sf", scenario("uas-503.xml"), "-p", Integer.toString(CARRIER_A));
        Process carrierB = sipp("failover-b", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        assertThat(pbxCall("9011442071234567")).as("the PBX sees one answered call").isZero();
        assertThat(exit(carrierA)).as("carrier A got the INVITE, answered 503, got the ACK").isZero();
        assertThat(exit(carrierB)).as("carrier B carried the call").isZero();
        awaitLog("answered 503; next route");

        // The call's record is in the node's journal: both attempts, answered on the second, hung up by the PBX.
        java.util.List<io.trunkline.contract.events.CallRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("journal").resolve("flow-edge.journal"))) {
            if (line.startsWith("E ")) {
                records.add(io.trunkline.contract.events.CallRecord.fromJson(line.split(" ", 4)[3]));
            }
        }
        assertThat(records).anySatisfy(r -> {
            assertThat(r.attempts()).extracting(io.trunkline.contract.events.CallRecord.Attempt::sipCode)
                    .containsExactly(503, 200);
            assertThat(r.pbx()).isEqualTo("hq-cucm");
            assertThat(r.calledDialed()).isEqualTo("9011442071234567");
            assertThat(r.calledNormalized()).isEqualTo("+442071234567");
            assertThat(r.decisionSource()).isEqualTo("PLATFORM");
            assertThat(r.releasedBy()).isEqualTo("PBX");
            assertThat(r.answeredAt()).isNotNull();
            assertThat(r.durationMs()).isGreaterThanOrEqualTo(400);
        });
    }

    @Test
    void busyIsRelayedWithoutFailover() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = sipp("busy-a", "-sf", scenario("uas-486.xml"), "-p", Integer.toString(CARRIER_A));
        int pbx = exit(sipp("busy-pbx", "-sf", scenario("uac-expect-486.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX got 486").isZero();
        assertThat(exit(carrierA)).isZero();
        awaitLog("ended with 486");
        assertThat(Files.readString(dir.resolve("journal").resolve("flow-edge.journal")))
                .contains("\"releaseCode\":486,\"releasedBy\":\"CARRIER\"");
    }

    @Test
    void cancelBeforeAnswerReachesTheCarrier() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A)));
        Process carrierA = sipp("cancel-a", "-sf", scenario("uas-ring-cancel.xml"), "-p", Integer.toString(CARRIER_A));
        int pbx = exit(sipp("cancel-pbx", "-sf", scenario("uac-cancel.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX: 180, CANCEL answered 200, INVITE answered 487").isZero();
        assertThat(exit(carrierA)).as("the carrier got the CANCEL").isZero();
        awaitLog("cancelled by the PBX before answer");
    }

    @Test
    void silentCarrierIsLeftAfterTheAttemptTimeout() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = sipp("silent-a", "-sf", scenario("uas-silent.xml"), "-p", Integer.toString(CARRIER_A));
        Process carrierB = sipp("silent-b", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        long start = System.nanoTime();
        assertThat(pbxCall("9011442071234567")).isZero();
        assertThat(exit(carrierB)).as("carrier B took the call").isZero();
        exit(carrierA);
        awaitLog("no answer from route 1 within 2000 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void byeFromTheCarrierSideEndsThePbxLeg() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = sipp("bye-b", "-sf", scenario("uas-bye.xml"), "-p", Integer.toString(CARRIER_B));
        int pbx = exit(sipp("bye-pbx", "-sf", scenario("uac-recv-bye.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX got the BYE and answered it").isZero();
        assertThat(exit(carrierB)).as("the carrier's BYE was answered 200").isZero();
        awaitLog("ended by the carrier");
    }

    @Test
    void carrierGetsNumbersInItsOwnFormat() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = sipp("profile-b", "-sf", scenario("uas-check-national.xml"), "-p", Integer.toString(CARRIER_B));
        assertThat(pbxCall("9011442071234567")).isZero();
        assertThat(exit(carrierB)).as("carrier B saw 02071234567, PAI 2125552001 and its X-Account header").isZero();
    }

    @Test
    void carrierAtItsChannelLimitIsSkipped() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = sipp("limit-a", "-sn", "uas", "-p", Integer.toString(CARRIER_A));
        Process carrierB = sipp("limit-b", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        Process first = sipp("limit-first", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX), "-d", "3000");
        awaitLog("answered on route 1 (carrier-a)");
        Process second = sipp("limit-second", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX + 1), "-d", "200");
        assertThat(exit(second)).as("the second call, with carrier A's one channel taken, went to B").isZero();
        assertThat(exit(carrierB)).isZero();
        assertThat(exit(first)).isZero();
        assertThat(exit(carrierA)).isZero();
        awaitLog("(carrier-a) skipped: at its channel limit (1)");
    }

    @Test
    void inboundCallFromACarrierReachesThePbx() throws Exception {
        Process pbxTrunk = sipp("inbound-pbx", "-sn", "uas", "-p", Integer.toString(PBX_TRUNK));
        assertThat(exit(sipp("inbound-carrier", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "12125552001",
                "-p", Integer.toString(CARRIER_SOURCE), "-d", "200"))).as("the carrier's call was answered").isZero();
        assertThat(exit(pbxTrunk)).as("the PBX got the call on its trunk").isZero();
        awaitLog("by PLATFORM [hq-cucm]");
        assertThat(ASKED).anyMatch(b -> b.contains("\"direction\":\"INBOUND\"") && b.contains("\"source\":\"carrier-a\"")
                && b.contains("\"called\":\"12125552001\""));
    }

    @Test
    void reInviteIsPassedThroughBothWays() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = sipp("reinvite-b", "-sf", scenario("uas-reinvite.xml"), "-p", Integer.toString(CARRIER_B));
        int pbx = exit(sipp("reinvite-pbx", "-sf", scenario("uac-reinvite.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX's re-INVITE was answered 200").isZero();
        assertThat(exit(carrierB)).as("the carrier got the re-INVITE with the hold SDP, and the BYE").isZero();
        awaitLog("re-INVITE from the PBX passed through");
    }

    @Test
    void unknownSourceIsRefused() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Path uac403 = dir.resolve("uac-403.xml");
        Files.writeString(uac403, Files.readString(Path.of(scenario("uac-expect-486.xml"))).replace("486", "403"));
        assertThat(exit(sipp("stranger", "-sf", uac403.toString(), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", "17059"))).as("a source that is no configured PBX gets 403").isZero();
    }
}
