package io.trunkline.edge.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading a call's figures from an rtpengine 10.5 {@code query} reply: counts per tag from its RTP streams, and the
 * RTCP figures of what the other side reported, which rtpengine files under the reporter's SSRC.
 */
class RtpEngineRelayTest {

    private static Map<String, Object> stream(long ssrc, long packets, long bytes, String kind) {
        return Map.of("local port", 30000L, "flags", List.of(kind, "filled"), "SSRC", ssrc,
                "stats", Map.of("packets", packets, "bytes", bytes, "errors", 0L));
    }

    private static Map<String, Object> tag(String tag, long ssrc, long packets) {
        return Map.of("tag", tag, "medias", List.of(Map.of("index", 1L, "type", "audio", "streams",
                List.of(stream(ssrc, packets, packets * 172, "RTP"), stream(0, 12, 900, "RTCP")))));
    }

    @Test
    void eachSidesCountsComeWithWhatTheOtherSideReportedOfThem() {
        Map<String, Object> reply = Map.of("result", "ok",
                "tags", Map.of("pbx", tag("pbx", 4660L, 900), "carrier", tag("carrier", 2457L, 1000)),
                // The carrier (SSRC 2457) reported 100 of the PBX's packets lost; the PBX reported nothing of the carrier's.
                "SSRC", Map.of("2457", Map.of("cumulative loss", 100L,
                        "average MOS", Map.of("MOS", 35L, "round-trip time", 12_345L, "jitter", 4L, "packet loss", 9L,
                                "samples", 5L))));
        Map<String, StreamStats> stats = RtpEngineRelay.statistics(reply);
        assertThat(stats.get("pbx")).isEqualTo(new StreamStats(900, 154_800, 100L, 10.0, 4.0, 12.3, 3.5));
        assertThat(stats.get("carrier")).as("no report of the carrier's stream: counts only")
                .isEqualTo(StreamStats.counted(1000, 172_000));
    }

    @Test
    void aReplyWithoutTagsOrWithStrangeValuesGivesWhatItCan() {
        assertThat(RtpEngineRelay.statistics(Map.of("result", "ok"))).isEmpty();
        Map<String, Object> odd = Map.of("tags", Map.of("pbx", Map.of("medias", "not a list")),
                "SSRC", "not a dictionary");
        assertThat(RtpEngineRelay.statistics(odd)).containsEntry("pbx", StreamStats.counted(0, 0));
    }
}
