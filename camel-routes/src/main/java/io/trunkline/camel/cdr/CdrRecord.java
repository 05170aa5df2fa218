package io.trunkline.camel.cdr;

import java.time.Instant;

/**
 * One call record as any PBX or carrier reported it, in the platform's terms: numbers as the source wrote
 * them (the PBX's dial plan turns them into E.164 when they are stored), UTC times, durations in ms, and the
 * source and the source's own key of the record kept for idempotency and audit.
 *
 * @param disposition ANSWERED, NO_ANSWER, BUSY, FAILED or CONGESTION
 */
public record CdrRecord(String source, String recordKey, String calling, String called, Instant startedAt,
                        Instant answeredAt, Instant endedAt, long durationMs, long billableMs, String disposition,
                        String account, String channel, String peerChannel) {
}
