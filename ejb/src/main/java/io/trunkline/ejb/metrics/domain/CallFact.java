package io.trunkline.ejb.metrics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One attempt or call as metrics count it: the subjects it counts for (dimension → subject, e.g. carrier →
 * carrier-a), when it started and ended, how it ended, its post-dial delay, its billable time, its quality
 * and its cost. Built from an edge call record's attempts and from stored CDRs.
 *
 * @param code     the final SIP response code (a Q.850 cause mapped by RFC 3398 when only that is known); 200 answered
 * @param pddMs    time from the INVITE to the first ringing or answer, when measured
 * @param mos      MOS measured by an endpoint, or estimated by {@link EModel} from latency, jitter and loss; else null
 * @param cost     rated with the carrier's deck and billing increment at the call's time; null when not rated
 * @param lossPct  packet loss in percent measured on the call (the relay's RTCP figures, a CMR), else null
 * @param jitterMs interarrival jitter measured on the call, else null
 */
public record CallFact(String origin, Map<String, String> subjects, Instant startedAt, Instant endedAt, int code,
                       Long pddMs, long billableMs, Double mos, BigDecimal cost, Double lossPct, Double jitterMs) {

    /** A fact without measured loss or jitter. */
    public CallFact(String origin, Map<String, String> subjects, Instant startedAt, Instant endedAt, int code,
                    Long pddMs, long billableMs, Double mos, BigDecimal cost) {
        this(origin, subjects, startedAt, endedAt, code, pddMs, billableMs, mos, cost, null, null);
    }

    /**
     * The trunk an edge attempt went to, from the request URI it was sent with: the URI without its user part
     * ({@code sip:+442071234567@carrier-a.example.net:5060} is trunk {@code sip:carrier-a.example.net:5060}), so a
     * trunk is one subject whatever number is called through it, not one per number. Null for null.
     */
    public static String trunk(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf(':');
        int at = uri.indexOf('@');
        return scheme < 0 || at < scheme ? uri : uri.substring(0, scheme + 1) + uri.substring(at + 1);
    }

    public boolean answered() {
        return code >= 200 && code < 300;
    }

    /**
     * Network effectiveness (ITU-T E.411): the network did its part when the call was answered or the called
     * user was busy (486, 600), did not answer (480, 408, 487 after ringing) or refused (603).
     */
    public boolean networkEffective() {
        return answered() || code == 486 || code == 600 || code == 480 || code == 408 || code == 487 || code == 603;
    }
}
