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
}
