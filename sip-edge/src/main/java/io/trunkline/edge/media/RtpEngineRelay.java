package io.trunkline.edge.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay as rtpengine's {@code offer}, {@code answer} and {@code delete}: both SDPs' origin and connection
 * addresses replaced by the instance's, ICE removed where the receiving side's profile says so, SRTP (SDES, without
 * the NULL and F8 suites) or plain RTP offered as it says; the answering side's protocol is turned back into the
 * offerer's by rtpengine itself. A call's statistics come from the {@code delete} reply: per tag, the RTP packets and
 * bytes its streams brought in, and what the other side's RTCP receiver reports said of them (rtpengine attaches a
 * report to the reporter's SSRC; the cumulative loss, and the averages of jitter, round-trip time and MOS over the
 * reports that had a MOS).
 */
public final class RtpEngineRelay implements MediaRelay, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpEngineRelay.class);
    /** Suites not offered with SDES: NULL encrypts nothing, F8 is rarely implemented by carriers' SBCs. */
    private static final List<String> SDES_LEFT_OUT = List.of("no-NULL_HMAC_SHA1_80", "no-NULL_HMAC_SHA1_32",
            "no-F8_128_HMAC_SHA1_80", "no-F8_128_HMAC_SHA1_32");

    private final RtpEngines engines;
    private final RateLimitedLog incidents = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public RtpEngineRelay(RtpEngines engines) {
        this.engines = engines;
    }

    @Override
    public boolean relays() {
        return true;
    }

    @Override
    public String offer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards)
            throws MediaException {
        Map<String, Object> request = request("offer", callId, fromTag, toTag, sdp, towards);
        switch (towards.srtp()) {
            case SDES -> {
                request.put("transport-protocol", "RTP/SAVP");
                request.put("SDES", SDES_LEFT_OUT);
            }
            case OFF -> request.put("transport-protocol", "RTP/AVP");
            case AS_OFFERED -> {
            }
        }
        try {
            return sdpOf(engines.place(callId, request), "offer");
        } catch (NgException e) {
            throw failed("offer", e);
        }
    }

    @Override
    public String answer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards)
            throws MediaException {
        try {
            return sdpOf(engines.ofCall(callId, request("answer", callId, fromTag, toTag, sdp, towards)), "answer");
        } catch (NgException e) {
            throw failed("answer", e);
        }
    }

    @Override
    public Map<String, StreamStats> end(String callId) {
        // rtpengine 10.5 gives a delete's statistics only for one branch (with a from-tag), which it then keeps for its
        // delete-delay: the figures are queried, then the whole call deleted at once, whatever the daemon's delay.
        Map<String, Object> reply = null;
        try {
            reply = engines.ofCall(callId, Map.of("command", "query", "call-id", callId));
        } catch (NgException e) {
            // Its instance did not answer (now marked down: the delete below is kept for later) or lost the call.
        }
        Map<String, Object> delete = new LinkedHashMap<>();
        delete.put("command", "delete");
        delete.put("call-id", callId);
        delete.put("delete-delay", 0);
        engines.end(callId, delete);
        if (reply == null) {
            return Map.of();
        }
        try {
            return statistics(reply);
        } catch (RuntimeException e) {
            incidents.warn("statistics", "rtpengine's statistics of a call could not be read ({}); calls' records "
                    + "go without media figures", e.toString());
            return Map.of();
        }
    }

    /** Sends the deletes an instance missed again and pings those marked down ({@link RtpEngines#maintain()}). */
    public void maintain() {
        try {
            engines.maintain();
        } catch (RuntimeException e) {
            incidents.warn("maintain", "rtpengine upkeep failed: {}", e.toString());
        }
    }

    /** Closes the control sockets. */
    @Override
    public void close() {
        engines.close();
    }

    @Override
    public String describe() {
        return "media relayed by rtpengine at " + engines.describe();
    }

    private static Map<String, Object> request(String command, String callId, String fromTag, String toTag,
                                               String sdp, MediaProfile towards) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", command);
        r.put("call-id", callId);
        r.put("from-tag", fromTag);
        if (toTag != null) {
            r.put("to-tag", toTag);
        }
        r.put("sdp", sdp);
        // Each side sees only the relay: its address in the origin and connection lines too.
        r.put("replace", List.of("origin", "session-connection"));
        if (towards.removeIce()) {
            r.put("ICE", "remove");
        }
        return r;
    }

    private MediaException failed(String command, NgException e) {
        incidents.warn(command + "-" + e.kind(), "media of calls not set up by rtpengine ({} {}): {} (each such "
                + "failure in the next minute is not logged)", command, e.kind(), e.getMessage());
        return new MediaException(e.kind(), e.getMessage());
    }

    private static String sdpOf(Map<String, Object> reply, String command) throws MediaException {
        if (!(reply.get("sdp") instanceof String sdp) || sdp.isBlank()) {
            throw new MediaException(NgException.Cause.MALFORMED, "rtpengine's " + command + " reply has no SDP");
        }
        return sdp;
    }

    /** Each tag's sent media from a {@code delete} (or {@code query}) reply. */
    static Map<String, StreamStats> statistics(Map<String, Object> reply) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Long> ssrcOf = new HashMap<>();
        if (reply.get("tags") instanceof Map<?, ?> tags) {
            for (Map.Entry<?, ?> t : tags.entrySet()) {
                String tag = String.valueOf(t.getKey());
                long[] c = counts.computeIfAbsent(tag, k -> new long[2]);
                for (Map<?, ?> media : dicts(((Map<?, ?>) t.getValue()).get("medias"))) {
                    for (Map<?, ?> stream : dicts(media.get("streams"))) {
                        if (!(stream.get("flags") instanceof List<?> flags) || !flags.contains("RTP")) {
                            continue;
                        }
                        if (stream.get("stats") instanceof Map<?, ?> s) {
                            c[0] += number(s.get("packets"));
                            c[1] += number(s.get("bytes"));
                        }
                        if (stream.get("SSRC") instanceof Long ssrc && ssrc != 0) {
                            ssrcOf.putIfAbsent(tag, ssrc);
                        }
                    }
                }
            }
        }
        Map<?, ?> reports = reply.get("SSRC") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, StreamStats> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long packets = e.getValue()[0];
            long bytes = e.getValue()[1];
            // What the other side reported of this side's stream sits under the other side's (the reporter's) SSRC.
            Map<?, ?> report = counts.keySet().stream().filter(other -> !other.equals(e.getKey()))
                    .map(ssrcOf::get).filter(s -> s != null)
                    .map(s -> reports.get(Long.toString(s))).filter(r -> r instanceof Map<?, ?>)
                    .map(r -> (Map<?, ?>) r).findFirst().orElse(null);
            if (report == null || !(report.get("average MOS") instanceof Map<?, ?> avg)) {
                out.put(e.getKey(), StreamStats.counted(packets, bytes));
                continue;
            }
            long lost = number(report.get("cumulative loss"));
            double lossPct = packets + lost == 0 ? 0 : Math.round(lost * 10_000.0 / (packets + lost)) / 100.0;
            out.put(e.getKey(), new StreamStats(packets, bytes, lost, lossPct, (double) number(avg.get("jitter")),
                    Math.round(number(avg.get("round-trip time")) / 100.0) / 10.0, number(avg.get("MOS")) / 10.0));
        }
        return out;
    }

    private static List<Map<?, ?>> dicts(Object o) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static long number(Object o) {
        return o instanceof Long l ? l : 0;
    }
}
