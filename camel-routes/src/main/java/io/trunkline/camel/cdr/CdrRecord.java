package io.trunkline.camel.cdr;

import java.time.Instant;

/**
 * One call record as any PBX or carrier reported it, in the platform's terms: numbers as the source wrote
 * them (the PBX's dial plan turns them into E.164 when they are stored), UTC times, durations in ms, and the
 * source and the source's own key of the record kept for idempotency and audit.
 *
 * @param disposition ANSWERED, NO_ANSWER, BUSY, REJECTED, FAILED or CONGESTION
 * @param sipCode     the final SIP response code when the source gives one (Teams), else null
 * @param q850Cause   the ITU-T Q.850 release cause when the source gives one (CUCM, FreeSWITCH), else null
 * @param trunk       the trunk, gateway or peer the call left or entered by, when the source names it
 * @param callKey     the call the record belongs to, which {@link QualityRecord}s name: the record key itself for
 *                    most sources; for CUCM, whose one call can give several CDRs (transfers), the global call id
 */
public record CdrRecord(String source, String recordKey, String calling, String called, Instant startedAt,
                        Instant answeredAt, Instant endedAt, long durationMs, long billableMs, String disposition,
                        Integer sipCode, Integer q850Cause, String account, String channel, String peerChannel,
                        String trunk, String callKey) implements SourceRecord {

    /** The longest text the platform keeps per field: a longer one is the source's fault, and its line is set aside. */
    public static final int MAX_KEY = 200;
    public static final int MAX_NUMBER = 64;
    public static final int MAX_NAME = 128;
    public static final int MAX_ACCOUNT = 80;

    /**
     * @return this record
     * @throws IllegalArgumentException naming the first field longer than the platform keeps
     */
    public CdrRecord checked() {
        limit("record key", recordKey, MAX_KEY);
        limit("call key", callKey, MAX_KEY);
        limit("calling number", calling, MAX_NUMBER);
        limit("called number", called, MAX_NUMBER);
        limit("account", account, MAX_ACCOUNT);
        limit("channel", channel, MAX_NAME);
        limit("peer channel", peerChannel, MAX_NAME);
        limit("trunk", trunk, MAX_NAME);
        if (recordKey == null || recordKey.isBlank()) {
            throw new IllegalArgumentException("record key: empty");
        }
        plausible("start", startedAt);
        plausible("answer", answeredAt);
        plausible("end", endedAt);
        if (durationMs < 0 || billableMs < 0) {
            throw new IllegalArgumentException("duration: negative");
        }
        return this;
    }

    /** Calls between 1970 and 2200: beyond them a time is a misread field, and the database could not hold it. */
    private static void plausible(String field, Instant t) {
        if (t != null && (t.isBefore(Instant.EPOCH) || t.isAfter(LATEST))) {
            throw new IllegalArgumentException(field + ": " + t + " is not a time between 1970 and 2200");
        }
    }

    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    static void limit(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + ": " + value.length() + " characters, more than the " + max
                    + " kept");
        }
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(field + ": contains a NUL character");
        }
    }
}
