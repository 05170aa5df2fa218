package io.trunkline.edge.media;

import io.trunkline.edge.testing.RtpEngineProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real rtpengine instances under one node: calls spread over both, one killed and brought back. */
class RtpEnginesIT {

    private static final String SDP = String.join("\r\n", "v=0", "o=pbx 1 1 IN IP4 10.1.1.10", "s=-",
            "c=IN IP4 10.1.1.10", "t=0 0", "m=audio 40000 RTP/AVP 0 8", "a=sendrecv", "");

    @TempDir
    Path dir;
    private final List<RtpEngineProcess> processes = new ArrayList<>();
    private RtpEngines engines;

    @AfterEach
    void stop() {
        if (engines != null) {
            engines.close();
        }
        processes.forEach(RtpEngineProcess::close);
    }

    @Test
    void callsSpreadOverBothAndADeadInstanceIsSkippedWithoutFailingACall() throws Exception {
        RtpEngineProcess one = RtpEngineProcess.start(dir, 33000, 33199);
        processes.add(one);
        RtpEngineProcess two = RtpEngineProcess.start(dir, 33200, 33399);
        processes.add(two);
        NgClient toOne = new NgClient(one.ng(), Duration.ofSeconds(1), 2);
        NgClient toTwo = new NgClient(two.ng(), Duration.ofSeconds(1), 2);
        engines = new RtpEngines(List.of(toOne, toTwo), Duration.ofSeconds(30), System::nanoTime);

        for (int i = 0; i < 40; i++) {
            offer("before-" + i);
        }
        int onOne = calls(toOne).size();
        int onTwo = calls(toTwo).size();
        assertThat(onOne + onTwo).isEqualTo(40);
        assertThat(onOne).as("both instances carry calls").isBetween(8, 32);
        for (int i = 0; i < 40; i++) {
            assertThat(engines.ofCall("before-" + i, Map.of("command", "query", "call-id", "before-" + i)))
                    .as("asked of the instance that holds the call").containsEntry("result", "ok");
        }

        one.close();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            offer("after-" + i);
        }
        assertThat(calls(toTwo)).as("every new call on the survivor").hasSize(onTwo + 20);
        assertThat(engines.up()).containsExactly(toTwo);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one timeout, then the survivor at once")
                .isLessThan(Duration.ofSeconds(5));

        List<String> keptForLater = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "before-" + i;
            if (engines.end(id, Map.of("command", "delete", "call-id", id)) == null) {
                keptForLater.add(id);
            }
        }
        assertThat(keptForLater).as("the dead instance's calls").hasSize(onOne);
        assertThat(engines.pendingDeletes()).isEqualTo(onOne);
        assertThat(calls(toTwo)).as("the survivor's older calls ended, the new ones go on").hasSize(20);

        engines.maintain();
        assertThat(engines.pendingDeletes()).as("still dead: kept").isEqualTo(onOne);
        // Back on the same control port, without the calls (a restarted daemon): the kept deletes are sent (it knows
        // none of the calls) and dropped, and it takes new calls again before its down time is over.
        processes.add(RtpEngineProcess.start(dir, one.ng().getPort(), 33000, 33199));
        engines.maintain();
        assertThat(engines.pendingDeletes()).isZero();
        assertThat(engines.up()).containsExactly(toOne, toTwo);
    }

    private void offer(String callId) throws NgException {
        Map<String, Object> reply = engines.place(callId, Map.of("command", "offer", "call-id", callId,
                "from-tag", "pbx", "sdp", SDP, "replace", List.of("origin", "session-connection")));
        assertThat((String) reply.get("sdp")).contains("c=IN IP4 127.0.0.1");
    }

    @SuppressWarnings("unchecked")
    private static List<String> calls(NgClient instance) throws NgException {
        return (List<String>) instance.call(Map.of("command", "list", "limit", 1000)).get("calls");
    }
}
