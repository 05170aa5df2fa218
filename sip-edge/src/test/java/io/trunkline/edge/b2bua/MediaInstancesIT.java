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
import io.trunkline.edge.testing.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge node driving two rtpengine instances, one of which is killed (SIGKILL) while calls with audio are up on
 * both: the other's calls must go on untouched, new calls must all be relayed by the survivor, and the killed
 * instance, started again, must be taken back into use.
 */
class MediaInstancesIT {

    static final int EDGE = 17580;
    static final int PBX = 17590;
    static final int PBX_LATER = 17591;
    static final int CARRIER = 17582;
    static final int CALLS = 12;
    static final int LATER_CALLS = 4;
    /** RTP packets in Debian's /usr/share/sip-tester/g711a.pcap. */
    static final int PCAP_PACKETS = 236;

    @TempDir
    static Path dir;
    static DecisionServer platform;
    static EdgeProcess edge;
    static RtpEngineProcess one;
    static RtpEngineProcess two;

    @BeforeAll
    static void start() throws Exception {
        one = RtpEngineProcess.start(dir, 35000, 35199);
        two = RtpEngineProcess.start(dir, 35200, 35399);
        platform = DecisionServer.start(body -> new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test",
                "INTERNATIONAL", "+442071234567", "+12125552001",
                List.of(new Route("carrier-b", Route.Kind.CARRIER, "sip:+442071234567@127.0.0.1:" + CARRIER,
                        "+12125552001", null, "USD", "test route")),
                List.of(408, 500, 503), 2000, Map.of(), List.of(), Instant.now()));
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "instances-edge", EDGE, 17581,
                "127.0.0.1:17581", Map.of(
                        "platform.url", platform.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX + ",127.0.0.1:" + PBX_LATER,
                        "media.rtpengine", "127.0.0.1:" + one.ng().getPort() + ",127.0.0.1:" + two.ng().getPort(),
                        "media.maintain-interval-ms", "1000"));
        edge.awaitLog("ready", 60);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void anInstanceKilledMidCallLeavesTheOthersCallsAloneAndNewCallsGoToTheSurvivor() throws Exception {
        Process carrier = Sipp.start(dir, "carrier", "-m", Integer.toString(CALLS + LATER_CALLS), "-sf",
                Sipp.scenario("uas-media.xml"), "-p", Integer.toString(CARRIER), "-mp", "16800", "-rtp_echo");
        Process pbx = Sipp.start(dir, "pbx", "-m", Integer.toString(CALLS), "-l", Integer.toString(CALLS), "-r", "12",
                "-sf", Sipp.scenario("uac-media.xml"), "127.0.0.1:" + EDGE, "-s", "9011442071234567", "-p",
                Integer.toString(PBX), "-mp", "16850");
        // The calls hold 8 s; a loaded machine may take seconds to set all of them up.
        Set<String> onOne = new HashSet<>();
        Set<String> onTwo = new HashSet<>();
        Instant setUpBy = Instant.now().plusSeconds(7);
        do {
            Thread.sleep(250);
            onOne = sessions(one);
            onTwo = sessions(two);
        } while (onOne.size() + onTwo.size() < CALLS && Instant.now().isBefore(setUpBy));
        assertThat(onOne.size() + onTwo.size()).as("every call is up, relayed").isEqualTo(CALLS);
        assertThat(onOne).as("rendezvous hashing spreads %d calls over both instances", CALLS).isNotEmpty();
        assertThat(onTwo).isNotEmpty();

        one.kill();
        // New calls while one instance is dead: each must be relayed by the survivor, none fail.
        Set<String> survivorBefore = sessions(two);
        Process later = Sipp.start(dir, "pbx-later", "-m", Integer.toString(LATER_CALLS), "-l",
                Integer.toString(LATER_CALLS), "-r", "4", "-sf", Sipp.scenario("uac-media.xml"), "127.0.0.1:" + EDGE,
                "-s", "9011442071239999", "-p", Integer.toString(PBX_LATER), "-mp", "16900");
        // Counted by call: the first batch's calls end on the survivor meanwhile.
        Set<String> added = new HashSet<>();
        Instant laterBy = Instant.now().plusSeconds(7);
        do {
            Thread.sleep(250);
            Set<String> now = sessions(two);
            now.removeAll(survivorBefore);
            added.addAll(now);
        } while (added.size() < LATER_CALLS && Instant.now().isBefore(laterBy));
        assertThat(added).as("the new calls are on the survivor").hasSize(LATER_CALLS);
        assertThat(Sipp.exit(pbx)).as("every call of the first batch ends well, SIP-wise").isZero();
        assertThat(Sipp.exit(later)).as("no failed call where an instance was up").isZero();
        assertThat(Sipp.exit(carrier)).isZero();

        List<CallRecord> records = records(CALLS + LATER_CALLS);
        for (CallRecord r : records) {
            if (onTwo.contains(r.callId()) || r.calledDialed().equals("9011442071239999")) {
                // Untouched by the other instance's death, or placed on the survivor after it.
                assertThat(r.media()).as("call %s relayed throughout", r.callId()).hasSize(2);
                for (CallRecord.MediaLeg leg : r.media()) {
                    assertThat(leg.packets()).as("%s of %s", leg.side(), r.callId())
                            .isBetween((long) Math.floor(PCAP_PACKETS * 0.99), (long) Math.ceil(PCAP_PACKETS * 1.01));
                }
            } else {
                assertThat(onOne).contains(r.callId());
                assertThat(r.media()).as("the killed instance's figures are gone with it").isEmpty();
            }
            assertThat(r.releaseCode()).isEqualTo(200);
        }
        assertThat(sessions(two)).as("the survivor's calls are deleted").isEmpty();

        // Back on its port, the killed instance answers the edge's ping and is used again.
        int back = edge.count("answers again");
        one = RtpEngineProcess.start(dir, one.ng().getPort(), 35000, 35199);
        edge.awaitMore("answers again", back, 20);
        assertThat(edge.alive()).isTrue();
    }

    private static Set<String> sessions(RtpEngineProcess instance) throws Exception {
        try (NgClient control = new NgClient(instance.ng(), Duration.ofMillis(500), 3)) {
            Object calls = control.call(Map.of("command", "list", "limit", 1000)).get("calls");
            Set<String> out = new HashSet<>();
            if (calls instanceof List<?> l) {
                l.forEach(c -> out.add(String.valueOf(c)));
            }
            return out;
        }
    }

    private static List<CallRecord> records(int expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<CallRecord> out = CallRecords.journaled(dir.resolve("journal"), "instances-edge");
            if (out.size() >= expected || System.nanoTime() > end) {
                assertThat(out).hasSize(expected);
                return out;
            }
            Thread.sleep(100);
        }
    }
}
