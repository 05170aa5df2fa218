package io.trunkline.contract.events;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.RoutingCodec;
import io.trunkline.contract.time.UtcInstants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call as the edge saw it, written when it ends: who called whom (as dialed and as normalized), who
 * decided, every attempt with its SIP answer and timings, and how and by whom it was released.
 *
 * @param releasedBy PBX, CARRIER or EDGE (the edge ended it: refusal, no route left, cancel relayed)
 * @param direction  OUTBOUND (a PBX called out) or INBOUND (a carrier called a DID)
 * @param origin     the PBX or carrier the call came from
 * @param identity   for an inbound call, what the edge's STIR/SHAKEN verification made of its {@code Identity}; null
 *                   when the node does not verify or the call is outbound
 * @param testCall   the id of the test call request ({@code TestCallRequest}) that placed this synthetic call; null
 *                   for a real call
 * @param media      the media of the call as the edge's relay counted it, one entry per direction (what the PBX
 *                   sent, what the carrier sent); empty when the call's media did not go through a relay
 */
public record CallRecord(String callId, String node, String pbx, String callingDialed, String calledDialed,
                         String callingNormalized, String calledNormalized, String callClass, String decisionSource,
                         List<Attempt> attempts, Instant startedAt, Instant answeredAt, Instant endedAt,
                         int releaseCode, String releasedBy, String direction, String origin, IdentityCheck identity,
                         String testCall, List<MediaLeg> media) {

    /**
     * What one side of a relayed call sent, as the relay counted it, with what the other side's RTCP reports said of
     * it (loss, jitter, round-trip time, and the MOS the relay computed from them); the RTCP figures are null when no
     * report came.
     *
     * @param side     PBX (the calling PBX's or the answering PBX's media) or CARRIER
     * @param packets  RTP packets the relay received from this side
     * @param bytes    their bytes
     * @param lost     packets the receiver reported lost (RTCP cumulative loss), or null
     * @param lossPct  the loss as a share of the packets expected, in percent, or null
     * @param jitterMs interarrival jitter the receiver reported, or null
     * @param rttMs    round-trip time from RTCP, or null
     * @param mos      MOS of this direction (1.0 to 5.0) the relay computed from the reports, or null
     */
    public record MediaLeg(String side, long packets, long bytes, Long lost, Double lossPct, Double jitterMs,
                           Double rttMs, Double mos) {
    }

    /**
     * One try of one route.
     *
     * @param firstProvisionalMs time from sending the INVITE to the first provisional answer above 100 (PDD), or null
     * @param answerMs           time from sending the INVITE to the final answer, or null
     * @param signed             the attestation of the {@code Identity} the edge signed the attempt with, null: unsigned
     * @param arrives            the attestation the decision expected the call to arrive with through this carrier
     */
    public record Attempt(String target, String uri, Integer sipCode, Long firstProvisionalMs, Long answerMs,
                          String signed, String arrives) {

        /** An attempt without STIR/SHAKEN. */
        public Attempt(String target, String uri, Integer sipCode, Long firstProvisionalMs, Long answerMs) {
            this(target, uri, sipCode, firstProvisionalMs, answerMs, null, null);
        }
    }

    public CallRecord {
        attempts = List.copyOf(attempts);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A record without relayed media. */
    public CallRecord(String callId, String node, String pbx, String callingDialed, String calledDialed,
                      String callingNormalized, String calledNormalized, String callClass, String decisionSource,
                      List<Attempt> attempts, Instant startedAt, Instant answeredAt, Instant endedAt,
                      int releaseCode, String releasedBy, String direction, String origin, IdentityCheck identity,
                      String testCall) {
        this(callId, node, pbx, callingDialed, calledDialed, callingNormalized, calledNormalized, callClass,
                decisionSource, attempts, startedAt, answeredAt, endedAt, releaseCode, releasedBy, direction, origin,
                identity, testCall, List.of());
    }

    /** A real call's record (not a test call's). */
    public CallRecord(String callId, String node, String pbx, String callingDialed, String calledDialed,
                      String callingNormalized, String calledNormalized, String callClass, String decisionSource,
                      List<Attempt> attempts, Instant startedAt, Instant answeredAt, Instant endedAt,
                      int releaseCode, String releasedBy, String direction, String origin, IdentityCheck identity) {
        this(callId, node, pbx, callingDialed, calledDialed, callingNormalized, calledNormalized, callClass,
                decisionSource, attempts, startedAt, answeredAt, endedAt, releaseCode, releasedBy, direction, origin,
                identity, null);
    }

    /** A record without an identity verification. */
    public CallRecord(String callId, String node, String pbx, String callingDialed, String calledDialed,
                      String callingNormalized, String calledNormalized, String callClass, String decisionSource,
                      List<Attempt> attempts, Instant startedAt, Instant answeredAt, Instant endedAt,
                      int releaseCode, String releasedBy, String direction, String origin) {
        this(callId, node, pbx, callingDialed, calledDialed, callingNormalized, calledNormalized, callClass,
                decisionSource, attempts, startedAt, answeredAt, endedAt, releaseCode, releasedBy, direction, origin, null,
                null);
    }

    /** This record, as the record of the test call {@code id} (null: a real call's). */
    public CallRecord withTestCall(String id) {
        return new CallRecord(callId, node, pbx, callingDialed, calledDialed, callingNormalized, calledNormalized,
                callClass, decisionSource, attempts, startedAt, answeredAt, endedAt, releaseCode, releasedBy, direction,
                origin, identity, id, media);
    }

    /** This record with the media its relay counted. */
    public CallRecord withMedia(List<MediaLeg> legs) {
        return new CallRecord(callId, node, pbx, callingDialed, calledDialed, callingNormalized, calledNormalized,
                callClass, decisionSource, attempts, startedAt, answeredAt, endedAt, releaseCode, releasedBy, direction,
                origin, identity, testCall, legs);
    }

    /** What {@code side} (PBX or CARRIER) sent, when the call's media was relayed. */
    public java.util.Optional<MediaLeg> mediaOf(String side) {
        return media.stream().filter(l -> l.side().equals(side)).findFirst();
    }

    /** The attempt that carried the call (answered it), or else the last one tried; null when none was. */
    public Attempt carried() {
        for (Attempt a : attempts) {
            if (a.sipCode() != null && a.sipCode() >= 200 && a.sipCode() < 300) {
                return a;
            }
        }
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    /** The route that carried the call (answered it), or else the last one tried; null when none was. */
    public String carrier() {
        Attempt a = carried();
        return a == null ? null : a.target();
    }

    /** Talk time: from answer to end, 0 for a call never answered. */
    public long durationMs() {
        return answeredAt == null || endedAt == null ? 0 : endedAt.toEpochMilli() - answeredAt.toEpochMilli();
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", callId);
        m.put("node", node);
        m.put("pbx", pbx);
        m.put("callingDialed", callingDialed);
        m.put("calledDialed", calledDialed);
        m.put("callingNormalized", callingNormalized);
        m.put("calledNormalized", calledNormalized);
        m.put("callClass", callClass);
        m.put("decisionSource", decisionSource);
        List<Object> list = new ArrayList<>();
        for (Attempt a : attempts) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("target", a.target());
            am.put("uri", a.uri());
            am.put("sipCode", a.sipCode());
            am.put("firstProvisionalMs", a.firstProvisionalMs());
            am.put("answerMs", a.answerMs());
            if (a.signed() != null) {
                am.put("signed", a.signed());
            }
            if (a.arrives() != null) {
                am.put("arrives", a.arrives());
            }
            list.add(am);
        }
        m.put("attempts", list);
        m.put("startedAt", text(startedAt));
        m.put("answeredAt", text(answeredAt));
        m.put("endedAt", text(endedAt));
        m.put("durationMs", durationMs());
        m.put("releaseCode", releaseCode);
        m.put("releasedBy", releasedBy);
        m.put("direction", direction);
        m.put("origin", origin);
        if (identity != null) {
            m.put("identity", RoutingCodec.identity(identity));
        }
        if (testCall != null) {
            m.put("testCall", testCall);
        }
        if (!media.isEmpty()) {
            List<Object> legs = new ArrayList<>();
            for (MediaLeg l : media) {
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put("side", l.side());
                lm.put("packets", l.packets());
                lm.put("bytes", l.bytes());
                lm.put("lost", l.lost());
                lm.put("lossPct", l.lossPct());
                lm.put("jitterMs", l.jitterMs());
                lm.put("rttMs", l.rttMs());
                lm.put("mos", l.mos());
                legs.add(lm);
            }
            m.put("media", legs);
        }
        return Json.write(m);
    }

    /** @throws IllegalArgumentException when the text is not a call record */
    public static CallRecord fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        List<Attempt> attempts = new ArrayList<>();
        Object list = m.get("attempts");
        if (list instanceof List<?> l) {
            for (Object o : l) {
                Map<?, ?> a = (Map<?, ?>) o;
                attempts.add(new Attempt((String) a.get("target"), (String) a.get("uri"), integer(a.get("sipCode")),
                        longValue(a.get("firstProvisionalMs")), longValue(a.get("answerMs")),
                        a.get("signed") instanceof String sg ? sg : null,
                        a.get("arrives") instanceof String ar ? ar : null));
            }
        }
        Object code = m.get("releaseCode");
        if (!(m.get("callId") instanceof String) || code == null) {
            throw new IllegalArgumentException("call record: callId and releaseCode are required");
        }
        return new CallRecord((String) m.get("callId"), (String) m.get("node"), (String) m.get("pbx"),
                (String) m.get("callingDialed"), (String) m.get("calledDialed"), (String) m.get("callingNormalized"),
                (String) m.get("calledNormalized"), (String) m.get("callClass"), (String) m.get("decisionSource"),
                attempts, instant(m.get("startedAt")), instant(m.get("answeredAt")), instant(m.get("endedAt")),
                ((BigDecimal) code).intValueExact(), (String) m.get("releasedBy"), (String) m.get("direction"),
                (String) m.get("origin"), RoutingCodec.identity(m.get("identity")),
                m.get("testCall") instanceof String t ? t : null, media(m.get("media")));
    }

    private static List<MediaLeg> media(Object o) {
        List<MediaLeg> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (!(e instanceof Map<?, ?> lm) || !(lm.get("side") instanceof String side)) {
                    throw new IllegalArgumentException("call record: a media entry needs its side");
                }
                Long packets = longValue(lm.get("packets"));
                Long bytes = longValue(lm.get("bytes"));
                out.add(new MediaLeg(side, packets == null ? 0 : packets, bytes == null ? 0 : bytes,
                        longValue(lm.get("lost")), decimal(lm.get("lossPct")), decimal(lm.get("jitterMs")),
                        decimal(lm.get("rttMs")), decimal(lm.get("mos"))));
            }
        }
        return out;
    }

    private static Double decimal(Object o) {
        return o == null ? null : ((BigDecimal) o).doubleValue();
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(Object o) {
        return o == null ? null : UtcInstants.parse((String) o);
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((BigDecimal) o).intValueExact();
    }

    private static Long longValue(Object o) {
        return o == null ? null : ((BigDecimal) o).longValueExact();
    }
}
