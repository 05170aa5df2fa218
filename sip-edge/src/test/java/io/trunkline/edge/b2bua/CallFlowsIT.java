package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
    static DecisionServer platform;
    static EdgeProcess edge;
    static final AtomicReference<List<String>> ROUTES = new AtomicReference<>(List.of());

    @BeforeAll
    static void start() throws Exception {
        platform = DecisionServer.start(body -> {
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
            return new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test", "INTERNATIONAL",
                    "+442071234567", "+12125552001", routes, List.of(408, 500, 503), 2000, Map.of(), List.of(),
                    Instant.now());
        });
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "flow-edge", EDGE, 17701,
                "127.0.0.1:17701", Map.of(
                        "platform.url", platform.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX + ",127.0.0.1:" + (PBX + 1),
                        "pbx.branch.sources", "127.0.0.1:" + (PBX + 2) + ",127.0.0.1:" + (PBX + 3),
                        "pbx.branch.max-channels", "1",
                        "carrier.carrier-a.max-channels", "1",
                        "carrier.carrier-a.sources", "127.0.0.1:" + CARRIER_SOURCE,
                        "carrier.carrier-b.number-format", "NATIONAL",
                        "carrier.carrier-b.add-headers", "X-Account: trunkline-42"));
        edge.awaitLog("ready", 60);
    }

    /** A test that failed leaves its SIPp peers running on the ports the next test binds: they go with it. */
    @AfterEach
    void endLeftoverPeers() {
        Sipp.endLeftoverPeers();
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


    private static String carrier(int port) {
        return "sip:+442071234567@127.0.0.1:" + port;
    }




    private static int pbxCall(String called) throws Exception {
        return Sipp.exit(Sipp.start(dir, "pbx-" + called, "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", called, "-p", Integer.toString(PBX),
                "-d", "500"));
    }

    @Test
    void anAnswerThePbxDidNotAcknowledgeIsSentAgainUntilItDoes() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "late-ack-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        Path messages = dir.resolve("late-ack-pbx-messages.log");
        assertThat(Sipp.exit(Sipp.start(dir, "late-ack-pbx", "-m", "1", "-sf", Sipp.scenario("uac-late-ack.xml"),
                "127.0.0.1:" + EDGE, "-s", "9011442071234567", "-p", Integer.toString(PBX), "-trace_msg",
                "-message_file", messages.toString()))).as("answered, acknowledged late, hung up").isZero();
        assertThat(Sipp.exit(carrierB)).isZero();
        // The PBX sends no 200 of its own: each one in its log is one the edge sent it.
        long answers = java.nio.file.Files.readAllLines(messages).stream()
                .filter(l -> l.startsWith("SIP/2.0 200")).count();
        assertThat(answers).as("the INVITE's 200 at 0, 0.5 and 1.5 s, then the BYE's").isBetween(4L, 5L);
    }

    @Test
    void basicCallIsAnsweredAndHungUp() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "basic-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        assertThat(pbxCall("9011442071234567")).as("PBX call: INVITE, 200, ACK, BYE, 200").isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B: INVITE, 180, 200, ACK, BYE from the edge, 200").isZero();
        assertThat(platform.asked()).anyMatch(b -> b.contains("\"source\":\"hq-cucm\"") && b.contains("\"called\":\"9011442071234567\""));
    }

    @Test
    void carrierAnswering503FailsOverToTheNext() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = Sipp.start(dir, "failover-a", "-m", "1", "-sf", Sipp.scenario("uas-503.xml"), "-p", Integer.toString(CARRIER_A));
        Process carrierB = Sipp.start(dir, "failover-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        assertThat(pbxCall("9011442071234567")).as("the PBX sees one answered call").isZero();
        assertThat(Sipp.exit(carrierA)).as("carrier A got the INVITE, answered 503, got the ACK").isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B carried the call").isZero();
        edge.awaitLog("answered 503; next route", 5);

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
        Process carrierA = Sipp.start(dir, "busy-a", "-m", "1", "-sf", Sipp.scenario("uas-486.xml"), "-p", Integer.toString(CARRIER_A));
        int pbx = Sipp.exit(Sipp.start(dir, "busy-pbx", "-m", "1", "-sf", Sipp.scenario("uac-expect-486.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX got 486").isZero();
        assertThat(Sipp.exit(carrierA)).isZero();
        edge.awaitLog("ended with 486", 5);
        assertThat(Files.readString(dir.resolve("journal").resolve("flow-edge.journal")))
                .contains("\"releaseCode\":486,\"releasedBy\":\"CARRIER\"");
    }

    @Test
    void cancelBeforeAnswerReachesTheCarrier() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A)));
        Process carrierA = Sipp.start(dir, "cancel-a", "-m", "1", "-sf", Sipp.scenario("uas-ring-cancel.xml"), "-p", Integer.toString(CARRIER_A));
        int pbx = Sipp.exit(Sipp.start(dir, "cancel-pbx", "-m", "1", "-sf", Sipp.scenario("uac-cancel.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX: 180, CANCEL answered 200, INVITE answered 487").isZero();
        assertThat(Sipp.exit(carrierA)).as("the carrier got the CANCEL").isZero();
        edge.awaitLog("cancelled by the PBX before answer", 5);
    }

    @Test
    void silentCarrierIsLeftAfterTheAttemptTimeout() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = Sipp.start(dir, "silent-a", "-m", "1", "-sf", Sipp.scenario("uas-silent.xml"), "-p", Integer.toString(CARRIER_A));
        Process carrierB = Sipp.start(dir, "silent-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        long start = System.nanoTime();
        assertThat(pbxCall("9011442071234567")).isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B took the call").isZero();
        Sipp.exit(carrierA);
        edge.awaitLog("no answer from route 1 within 2000 ms", 5);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void byeFromTheCarrierSideEndsThePbxLeg() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "bye-b", "-m", "1", "-sf", Sipp.scenario("uas-bye.xml"), "-p", Integer.toString(CARRIER_B));
        int pbx = Sipp.exit(Sipp.start(dir, "bye-pbx", "-m", "1", "-sf", Sipp.scenario("uac-recv-bye.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX got the BYE and answered it").isZero();
        assertThat(Sipp.exit(carrierB)).as("the carrier's BYE was answered 200").isZero();
        edge.awaitLog("ended by the carrier", 5);
    }

    @Test
    void carrierGetsNumbersInItsOwnFormat() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "profile-b", "-m", "1", "-sf", Sipp.scenario("uas-check-national.xml"), "-p", Integer.toString(CARRIER_B));
        assertThat(pbxCall("9011442071234567")).isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B saw 02071234567, PAI 2125552001 and its X-Account header").isZero();
    }

    @Test
    void carrierAtItsChannelLimitIsSkipped() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_A), carrier(CARRIER_B)));
        Process carrierA = Sipp.start(dir, "limit-a", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_A));
        Process carrierB = Sipp.start(dir, "limit-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        int answered = edge.count("answered on route 1 (carrier-a)");
        Process first = Sipp.start(dir, "limit-first", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX), "-d", "8000");
        edge.awaitMore("answered on route 1 (carrier-a)", answered, 5);
        Process second = Sipp.start(dir, "limit-second", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX + 1), "-d", "200");
        assertThat(Sipp.exit(second)).as("the second call, with carrier A's one channel taken, went to B").isZero();
        assertThat(Sipp.exit(carrierB)).isZero();
        assertThat(Sipp.exit(first)).isZero();
        assertThat(Sipp.exit(carrierA)).isZero();
        edge.awaitLog("(carrier-a) skipped: at its channel limit (1)", 5);
    }

    @Test
    void pbxAtItsChannelLimitIsRefused503() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "pbx-limit-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B));
        int answered = edge.count("answered on route 1 (carrier-b)");
        Process first = Sipp.start(dir, "pbx-limit-first", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX + 2), "-d", "8000");
        edge.awaitMore("answered on route 1 (carrier-b)", answered, 5);
        Path uac503 = dir.resolve("uac-503.xml");
        Files.writeString(uac503, Files.readString(Path.of(Sipp.scenario("uac-expect-486.xml"))).replace("486", "503"));
        assertThat(Sipp.exit(Sipp.start(dir, "pbx-limit-second", "-m", "1", "-sf", uac503.toString(), "127.0.0.1:" + EDGE,
                "-s", "9011442071234567", "-p", Integer.toString(PBX + 3))))
                .as("the branch's second call at once, over its one channel, gets 503").isZero();
        assertThat(Sipp.exit(first)).isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B saw only the first call").isZero();
        edge.awaitLog("from branch refused 503: the PBX is at its channel limit (1)", 5);
    }

    @Test
    void inboundCallFromACarrierReachesThePbx() throws Exception {
        Process pbxTrunk = Sipp.start(dir, "inbound-pbx", "-m", "1", "-sn", "uas", "-p", Integer.toString(PBX_TRUNK));
        assertThat(Sipp.exit(Sipp.start(dir, "inbound-carrier", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "12125552001",
                "-p", Integer.toString(CARRIER_SOURCE), "-d", "200"))).as("the carrier's call was answered").isZero();
        assertThat(Sipp.exit(pbxTrunk)).as("the PBX got the call on its trunk").isZero();
        edge.awaitLog("by PLATFORM [hq-cucm]", 5);
        assertThat(platform.asked()).anyMatch(b -> b.contains("\"direction\":\"INBOUND\"") && b.contains("\"source\":\"carrier-a\"")
                && b.contains("\"called\":\"12125552001\""));
    }

    @Test
    void reInviteIsPassedThroughBothWays() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "reinvite-b", "-m", "1", "-sf", Sipp.scenario("uas-reinvite.xml"), "-p", Integer.toString(CARRIER_B));
        int pbx = Sipp.exit(Sipp.start(dir, "reinvite-pbx", "-m", "1", "-sf", Sipp.scenario("uac-reinvite.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX's re-INVITE was answered 200").isZero();
        assertThat(Sipp.exit(carrierB)).as("the carrier got the re-INVITE with the hold SDP, and the BYE").isZero();
        edge.awaitLog("re-INVITE from the PBX passed through", 5);
    }

    @Test
    void delayedOffersAreAnsweredInTheAcks() throws Exception {
        pbxCallingCarrierB("delayed", "uac-delayed-offer.xml", "uas-delayed-offer.xml",
                "the PBX got the carrier's offers in both 200s", "the carrier got the PBX's answers in both ACKs, and the BYE");
    }

    @Test
    void aReliable183IsAcknowledgedByTheEdgeAndReachesThePbxAsAnOrdinaryOne() throws Exception {
        pbxCallingCarrierB("100rel", "uac-100rel.xml", "uas-100rel.xml",
                "the PBX got a 183 without Require: 100rel, then the 200",
                "the carrier got Supported: timer without 100rel, the PRACK for its 183, the ACK and the BYE");
    }

    @Test
    void aDigitSentAsInfoReachesTheCarrierAndItsAnswerComesBack() throws Exception {
        pbxCallingCarrierB("info", "uac-info.xml", "uas-info.xml", "the PBX's INFO answered 200 with the carrier's body",
                "the carrier got the INFO with its digit and type, and the BYE");
    }

    /**
     * One PBX call through the edge to carrier B, each side a SIPp scenario (files {@code name-pbx}, {@code name-b}),
     * both asserted to have run to their end: every check in either scenario held.
     */
    private void pbxCallingCarrierB(String name, String pbxScenario, String carrierScenario, String pbxSaw,
                                    String carrierSaw) throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, name + "-b", "-m", "1", "-sf", Sipp.scenario(carrierScenario), "-p",
                Integer.toString(CARRIER_B));
        int pbx = Sipp.exit(Sipp.start(dir, name + "-pbx", "-m", "1", "-sf", Sipp.scenario(pbxScenario),
                "127.0.0.1:" + EDGE, "-s", "9011442071234567", "-p", Integer.toString(PBX)));
        assertThat(pbx).as(pbxSaw).isZero();
        assertThat(Sipp.exit(carrierB)).as(carrierSaw).isZero();
    }

    @Test
    void sessionTimersAndUpdateArePassedThrough() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Process carrierB = Sipp.start(dir, "update-b", "-m", "1", "-sf", Sipp.scenario("uas-update-timer.xml"), "-p", Integer.toString(CARRIER_B));
        int pbx = Sipp.exit(Sipp.start(dir, "update-pbx", "-m", "1", "-sf", Sipp.scenario("uac-update-timer.xml"), "127.0.0.1:" + EDGE,
                "-s", "9011442071234567", "-p", Integer.toString(PBX)));
        assertThat(pbx).as("the PBX got the carrier's Session-Expires in the 200, and its UPDATE answered with recvonly").isZero();
        assertThat(Sipp.exit(carrierB)).as("the carrier got the PBX's Session-Expires, the UPDATE with sendonly, and the BYE").isZero();
        edge.awaitLog("UPDATE from the PBX passed through", 5);
    }

    @Test
    void unknownSourceIsRefused() throws Exception {
        ROUTES.set(List.of(carrier(CARRIER_B)));
        Path uac403 = dir.resolve("uac-403.xml");
        Files.writeString(uac403, Files.readString(Path.of(Sipp.scenario("uac-expect-486.xml"))).replace("486", "403"));
        assertThat(Sipp.exit(Sipp.start(dir, "stranger", "-m", "1", "-sf", uac403.toString(), "127.0.0.1:" + EDGE, "-s", "9011442071234567",
                "-p", "17059"))).as("a source that is no configured PBX gets 403").isZero();
    }
}
