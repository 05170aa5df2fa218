package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.edge.media.NgClient;
import io.trunkline.edge.testing.CallRecords;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.RtpEngineProcess;
import io.trunkline.edge.testing.RtpPeer;
import io.trunkline.edge.testing.Srtp;
import java.net.InetSocketAddress;
import io.trunkline.edge.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls with audio through a real edge node and a real rtpengine (Debian's {@code rtpengine-daemon}, userspace, on
 * loopback): SIPp as the PBX plays a G.711 pcap once answered, SIPp as the carrier echoes what it gets. Each side
 * must see only the relay's media port in the SDP it receives, the call's record must count what each side sent, and
 * no session may be left on the relay once the call is over.
 */
class MediaRelayIT {

    static final int EDGE = 17560;
    static final int PBX = 17550;
    static final int CARRIER_A = 17561;
    static final int CARRIER_B = 17562;
    /** carrier-c takes only SRTP. */
    static final int CARRIER_C = 17563;
    static final int PBX_MEDIA = 16400;
    static final int CARRIER_A_MEDIA = 16500;
    static final int CARRIER_B_MEDIA = 16600;
    static final int PBX_PEER = 16700;
    static final int CARRIER_PEER = 16710;
    static final int RELAY_MIN = 34000;
    static final int RELAY_MAX = 34199;
    /** RTP packets in Debian's /usr/share/sip-tester/g711a.pcap. */
    static final int PCAP_PACKETS = 236;

    @TempDir
    static Path dir;
    static DecisionServer platform;
    static EdgeProcess edge;
    static RtpEngineProcess rtpengine;
    static NgClient control;
    static final AtomicReference<List<Integer>> ROUTES = new AtomicReference<>(List.of());

    @BeforeAll
    static void start() throws Exception {
        rtpengine = RtpEngineProcess.start(dir, RELAY_MIN, RELAY_MAX);
        control = new NgClient(rtpengine.ng(), Duration.ofMillis(500), 3);
        platform = DecisionServer.start(body -> {
            List<Route> routes = new ArrayList<>();
            for (int port : ROUTES.get()) {
                routes.add(new Route(port == CARRIER_A ? "carrier-a" : port == CARRIER_C ? "carrier-c" : "carrier-b",
                        Route.Kind.CARRIER,
                        "sip:+442071234567@127.0.0.1:" + port, "+12125552001", null, "USD", "test route"));
            }
            return new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test", "INTERNATIONAL",
                    "+442071234567", "+12125552001", routes, List.of(408, 500, 503), 2000, Map.of(), List.of(),
                    Instant.now());
        });
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "media-edge", EDGE, 17571,
                "127.0.0.1:17571", Map.of(
                        "platform.url", platform.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX,
                        "media.rtpengine", "127.0.0.1:" + rtpengine.ng().getPort(),
                        // A carrier that must never get the PBX's own media address: no relay, no call.
                        "carrier.carrier-a.media.on-failure", "503",
                        "carrier.carrier-c.media.srtp", "sdes"));
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
        if (control != null) {
            control.close();
        }
        if (rtpengine != null) {
            rtpengine.close();
        }
    }

    @Test
    void eachSideSeesOnlyTheRelayAndTheRecordCountsWhatEachSent() throws Exception {
        ROUTES.set(List.of(CARRIER_B));
        Process carrier = carrier("relayed-b", "uas-media.xml", CARRIER_B, CARRIER_B_MEDIA);
        assertThat(pbxCall("relayed-pbx", "uac-media.xml", "9011442071234001")).as("PBX: call answered, audio, BYE")
                .isZero();
        assertThat(Sipp.exit(carrier)).as("carrier: INVITE, 200, ACK, BYE").isZero();

        int offered = relayPortOnly(bodyOf(messages("relayed-b"), "INVITE sip:"), "the carrier's offer", PBX_MEDIA, "o=pbx");
        int answered = relayPortOnly(bodyOf(messages("relayed-pbx"), "SIP/2.0 200 OK"), "the PBX's answer",
                CARRIER_B_MEDIA, "o=carrier");
        assertThat(answered).as("each side its own port on the relay").isNotEqualTo(offered);

        CallRecord r = record("9011442071234001");
        assertThat(r.media()).extracting(CallRecord.MediaLeg::side).containsExactly("PBX", "CARRIER");
        assertWithinOnePercent(r.mediaOf("PBX").orElseThrow().packets(), "what the PBX played, through the relay");
        assertWithinOnePercent(r.mediaOf("CARRIER").orElseThrow().packets(), "what the carrier echoed, through the relay");
        assertThat(r.mediaOf("PBX").orElseThrow().bytes()).as("RTP header and 160-byte A-law frames")
                .isGreaterThan(r.mediaOf("PBX").orElseThrow().packets() * 160);
        assertThat(sessions()).as("nothing left on the relay").isEmpty();
    }

    @Test
    void aDelayedOfferIsRelayedFromTheCarriersOfferAndThePbxsAnswerInItsAck() throws Exception {
        ROUTES.set(List.of(CARRIER_B));
        Process carrier = carrier("delayed-b", "uas-delayed-offer.xml", CARRIER_B, CARRIER_B_MEDIA);
        assertThat(pbxCall("delayed-pbx", "uac-delayed-offer.xml", "9011442071234007"))
                .as("PBX: INVITE and re-INVITE without SDP, each 200 with the carrier's offer").isZero();
        assertThat(Sipp.exit(carrier)).as("carrier: each ACK with the PBX's answer").isZero();

        int offered = relayPortOnly(bodyOf(messages("delayed-pbx"), "SIP/2.0 200 OK"), "the carrier's offer in the PBX's 200",
                CARRIER_B_MEDIA, "o=carrier");
        int answered = relayPortOnly(bodyOf(messages("delayed-b"), "ACK sip:"), "the PBX's answer in the carrier's ACK",
                PBX_MEDIA, "o=pbx");
        assertThat(answered).as("each side its own port on the relay").isNotEqualTo(offered);
        assertThat(record("9011442071234007").releasedBy()).isEqualTo("PBX");
        assertThat(sessions()).as("nothing left on the relay").isEmpty();
    }

    @Test
    void aFailoverOffersTheNextCarrierAndLeavesNoSessionBehind() throws Exception {
        ROUTES.set(List.of(CARRIER_A, CARRIER_B));
        Process a = carrier("failover-a", "uas-503.xml", CARRIER_A, CARRIER_A_MEDIA);
        Process b = carrier("failover-b", "uas-media.xml", CARRIER_B, CARRIER_B_MEDIA);
        assertThat(pbxCall("failover-pbx", "uac-media.xml", "9011442071234002")).as("the PBX sees one answered call")
                .isZero();
        assertThat(Sipp.exit(a)).as("carrier A: the offer, answered 503").isZero();
        assertThat(Sipp.exit(b)).as("carrier B carried the call").isZero();

        int offeredA = mediaPort(bodyOf(messages("failover-a"), "INVITE sip:"));
        int offeredB = mediaPort(bodyOf(messages("failover-b"), "INVITE sip:"));
        assertThat(offeredA).as("A was offered the relay").isBetween(RELAY_MIN, RELAY_MAX);
        assertThat(offeredB).as("B was offered the relay").isBetween(RELAY_MIN, RELAY_MAX);
        String answered = bodyOf(messages("failover-pbx"), "SIP/2.0 200 OK");
        assertThat(answered).doesNotContain(Integer.toString(CARRIER_B_MEDIA));

        CallRecord r = record("9011442071234002");
        assertThat(r.attempts()).extracting(CallRecord.Attempt::sipCode).containsExactly(503, 200);
        assertWithinOnePercent(r.mediaOf("PBX").orElseThrow().packets(), "PBX to B through the relay");
        assertWithinOnePercent(r.mediaOf("CARRIER").orElseThrow().packets(), "B's echo back to the PBX");
        assertThat(sessions()).as("no session of the failed attempt or of the call left behind").isEmpty();
    }

    @Test
    void sdpTheRelayRefusesGetsEachCarriersPolicy() throws Exception {
        ROUTES.set(List.of(CARRIER_A, CARRIER_B));
        // carrier-a's profile says 503 without a relay: not tried. carrier-b's default says pass: it gets the SDP as is.
        Process b = carrier("badsdp-b", "uas-media.xml", CARRIER_B, CARRIER_B_MEDIA);
        int before = edge.count("media of calls not set up by rtpengine");
        assertThat(pbxCall("badsdp-pbx", "uac-bad-sdp.xml", "9011442071234003")).as("the call still goes through")
                .isZero();
        assertThat(Sipp.exit(b)).isZero();
        assertThat(bodyOf(messages("badsdp-b"), "INVITE sip:")).as("passed on as the PBX wrote it")
                .contains("this is not a session description");
        CallRecord r = record("9011442071234003");
        assertThat(r.attempts()).extracting(CallRecord.Attempt::target).containsExactly("carrier-a", "carrier-b");
        assertThat(r.attempts().get(0).sipCode()).as("carrier-a not tried").isNull();
        assertThat(r.attempts().get(1).sipCode()).isEqualTo(200);
        assertThat(r.media()).as("not relayed").isEmpty();
        assertThat(edge.count("media of calls not set up by rtpengine")).as("logged once a minute per cause, not per call")
                .isLessThanOrEqualTo(before + 1);
        assertThat(edge.alive()).isTrue();
        assertThat(sessions()).isEmpty();
    }

    @Test
    void lossOnOneLegShowsInTheRecordAndLowersItsMos() throws Exception {
        ROUTES.set(List.of(CARRIER_B));
        CallRecord clean = callWithPeers("clean", "9011442071234004", 0);
        CallRecord lossy = callWithPeers("lossy", "9011442071234005", 10);

        CallRecord.MediaLeg cleanPbx = clean.mediaOf("PBX").orElseThrow();
        CallRecord.MediaLeg lossyPbx = lossy.mediaOf("PBX").orElseThrow();
        assertThat(cleanPbx.mos()).as("a clean call's MOS, from the carrier's RTCP reports: " + clean.media())
                .isNotNull().isGreaterThan(4.0);
        assertThat(cleanPbx.lossPct()).isEqualTo(0.0);
        assertThat(lossyPbx.lossPct()).as("every 10th packet the PBX sent never left: " + lossy.media())
                .isBetween(9.0, 11.0);
        assertThat(lossyPbx.lost()).isPositive();
        assertThat(lossyPbx.mos()).as("lower than the clean call's").isNotNull().isLessThan(cleanPbx.mos() - 0.5);
        CallRecord.MediaLeg lossyCarrier = lossy.mediaOf("CARRIER").orElseThrow();
        assertThat(lossyCarrier.lossPct()).as("the other direction lost nothing").isEqualTo(0.0);
        assertThat(lossyCarrier.mos()).isGreaterThan(lossyPbx.mos());
        assertThat(lossyPbx.rttMs()).as("round trip from the SR/RR exchange").isNotNull().isPositive();
        assertThat(sessions()).isEmpty();
    }

    @Test
    void anSrtpCarrierIsOfferedSdesWhileThePbxKeepsPlainRtp() throws Exception {
        ROUTES.set(List.of(CARRIER_C));
        byte[] carrierKey = new byte[30];
        new java.security.SecureRandom().nextBytes(carrierKey);
        Process carrier = Sipp.start(dir, "srtp-c", "-m", "1", "-sf", Sipp.scenario("uas-srtp-peer.xml"), "-p",
                Integer.toString(CARRIER_C), "-key", "rtp_port", Integer.toString(CARRIER_PEER), "-key", "srtp_key",
                java.util.Base64.getEncoder().encodeToString(carrierKey), "-trace_msg", "-message_file",
                dir.resolve("srtp-c-messages.log").toString());
        Process pbx = Sipp.start(dir, "srtp-pbx", "-m", "1", "-sf", Sipp.scenario("uac-rtp-peer.xml"),
                "127.0.0.1:" + EDGE, "-s", "9011442071234006", "-p", Integer.toString(PBX), "-key", "rtp_port",
                Integer.toString(PBX_PEER), "-trace_msg", "-message_file", dir.resolve("srtp-pbx-messages.log").toString());
        String toPbx = awaitBody("srtp-pbx", "SIP/2.0 200 OK");
        String toCarrier = awaitBody("srtp-c", "INVITE sip:");
        assertThat(toCarrier).as("the carrier is offered SRTP with SDES keys, no NULL cipher:\n" + toCarrier)
                .containsPattern("m=audio \\d+ RTP/SAVP ").contains("AES_CM_128_HMAC_SHA1_80 inline:")
                .doesNotContain("NULL_HMAC");
        assertThat(toPbx).as("the PBX keeps plain RTP:\n" + toPbx).containsPattern("m=audio \\d+ RTP/AVP ")
                .doesNotContain("a=crypto");
        Srtp relayKeys = (Srtp) Srtp.offered(toCarrier)[1];
        RtpPeer fromPbx = RtpPeer.start(PBX_PEER, new InetSocketAddress("127.0.0.1", mediaPort(toPbx)), 0);
        RtpPeer fromCarrier = RtpPeer.srtp(CARRIER_PEER, new InetSocketAddress("127.0.0.1", mediaPort(toCarrier)),
                new Srtp(carrierKey), relayKeys);
        try (fromPbx; fromCarrier) {
            Thread.sleep(4_000);
        }
        // Read once both peers are closed (their receivers joined): a count read while a packet is being checked
        // would have it received and not yet intact.
        assertThat(fromCarrier.received()).as("SRTP from the relay, authenticated with the key it offered")
                .isGreaterThan(fromPbx.sent() * 9 / 10);
        assertThat(fromCarrier.intact()).as("and decrypting to the PBX's audio").isEqualTo(fromCarrier.received());
        assertThat(fromCarrier.rejected()).as("nothing unauthenticated").isZero();
        assertThat(fromPbx.received()).as("plain RTP at the PBX, decrypted by the relay")
                .isGreaterThan(fromCarrier.sent() * 9 / 10);
        assertThat(fromPbx.intact()).isEqualTo(fromPbx.received());
        assertThat(Sipp.exit(pbx)).isZero();
        assertThat(Sipp.exit(carrier)).isZero();
        assertThat(sessions()).isEmpty();
    }

    /** A call whose audio two {@link RtpPeer}s send (the PBX's dropping every {@code pbxDropEvery}-th packet). */
    private static CallRecord callWithPeers(String name, String called, int pbxDropEvery) throws Exception {
        Process carrier = Sipp.start(dir, name + "-b", "-m", "1", "-sf", Sipp.scenario("uas-rtp-peer.xml"), "-p",
                Integer.toString(CARRIER_B), "-key", "rtp_port", Integer.toString(CARRIER_PEER), "-trace_msg",
                "-message_file", dir.resolve(name + "-b-messages.log").toString());
        Process pbx = Sipp.start(dir, name + "-pbx", "-m", "1", "-sf", Sipp.scenario("uac-rtp-peer.xml"),
                "127.0.0.1:" + EDGE, "-s", called, "-p", Integer.toString(PBX), "-key", "rtp_port",
                Integer.toString(PBX_PEER), "-trace_msg", "-message_file",
                dir.resolve(name + "-pbx-messages.log").toString());
        int toPbxSide = mediaPort(awaitBody(name + "-pbx", "SIP/2.0 200 OK"));
        int toCarrierSide = mediaPort(awaitBody(name + "-b", "INVITE sip:"));
        try (RtpPeer fromPbx = RtpPeer.start(PBX_PEER, new InetSocketAddress("127.0.0.1", toPbxSide), pbxDropEvery);
             RtpPeer fromCarrier = RtpPeer.start(CARRIER_PEER, new InetSocketAddress("127.0.0.1", toCarrierSide), 0)) {
            Thread.sleep(7_000);
            assertThat(fromCarrier.received()).as("the PBX's audio reached the carrier through the relay").isPositive();
            assertThat(fromPbx.received()).as("and the carrier's the PBX").isPositive();
        }
        assertThat(Sipp.exit(pbx)).isZero();
        assertThat(Sipp.exit(carrier)).isZero();
        return record(called);
    }

    private static String awaitBody(String name, String firstLine) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Path log = dir.resolve(name + "-messages.log");
            if (Files.exists(log)) {
                try {
                    return bodyOf(Files.readString(log), firstLine);
                } catch (AssertionError notYet) {
                    if (System.nanoTime() > end) {
                        throw notYet;
                    }
                }
            }
            Thread.sleep(50);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static Process carrier(String name, String scenario, int port, int mediaPort) throws Exception {
        return Sipp.start(dir, name, "-m", "1", "-sf", Sipp.scenario(scenario), "-p", Integer.toString(port),
                "-mp", Integer.toString(mediaPort), "-rtp_echo", "-trace_msg", "-message_file",
                dir.resolve(name + "-messages.log").toString());
    }

    private static int pbxCall(String name, String scenario, String called) throws Exception {
        return Sipp.exit(Sipp.start(dir, name, "-m", "1", "-sf", Sipp.scenario(scenario), "127.0.0.1:" + EDGE, "-s",
                called, "-p", Integer.toString(PBX), "-mp", Integer.toString(PBX_MEDIA), "-trace_msg", "-message_file",
                dir.resolve(name + "-messages.log").toString()));
    }

    private static String messages(String name) throws Exception {
        return Files.readString(dir.resolve(name + "-messages.log"));
    }

    /** The body of the first message received that starts with {@code firstLine}. */
    private static String bodyOf(String log, String firstLine) {
        for (String block : log.split("-{20,}")) {
            if (!block.contains("message received")) {
                continue;
            }
            int start = block.indexOf(firstLine);
            if (start < 0) {
                continue;
            }
            String message = block.substring(start);
            int body = message.indexOf("\n\n");
            int crlf = message.indexOf("\r\n\r\n");
            int at = crlf >= 0 && (body < 0 || crlf < body) ? crlf + 4 : body >= 0 ? body + 2 : message.length();
            return message.substring(at);
        }
        throw new AssertionError("no '" + firstLine + "' received in:\n" + log);
    }

    /** The media port of {@code sdp}, asserted to be the relay's and to name nothing of the side it came from. */
    private static int relayPortOnly(String sdp, String what, int hiddenPort, String hiddenOrigin) {
        int port = mediaPort(sdp);
        assertThat(port).as(what + " names the relay's port, not the other side's:\n" + sdp).isBetween(RELAY_MIN, RELAY_MAX);
        assertThat(sdp).as(what).doesNotContain(Integer.toString(hiddenPort)).doesNotContain(hiddenOrigin);
        return port;
    }

    private static int mediaPort(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        if (!m.find()) {
            throw new AssertionError("no audio line in:\n" + sdp);
        }
        return Integer.parseInt(m.group(1));
    }

    private static CallRecord record(String called) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            for (CallRecord r : CallRecords.journaled(dir.resolve("journal"), "media-edge")) {
                if (called.equals(r.calledDialed())) {
                    return r;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no record of the call to " + called);
            }
            Thread.sleep(100);
        }
    }

    private static void assertWithinOnePercent(long packets, String what) {
        assertThat(packets).as(what + ": " + PCAP_PACKETS + " ± 1 %").isBetween((long) Math.floor(PCAP_PACKETS * 0.99),
                (long) Math.ceil(PCAP_PACKETS * 1.01));
    }

    private static List<?> sessions() throws Exception {
        Object calls = control.call(Map.of("command", "list", "limit", 100)).get("calls");
        return calls instanceof List<?> l ? l : List.of();
    }
}
