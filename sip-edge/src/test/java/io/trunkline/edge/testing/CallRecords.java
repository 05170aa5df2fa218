package io.trunkline.edge.testing;

import io.trunkline.contract.events.CallRecord;
import java.time.Instant;
import java.util.List;

/** Call records as a node journals them, built for tests. */
public final class CallRecords {

    private CallRecords() {
    }

    /** An answered outbound call that failed over from carrier A (503) to carrier B. */
    public static CallRecord answered(String callId, Instant started) {
        return new CallRecord(callId, "edge-1", "hq-cucm", "2001", "9011442071234567", "+12125552001", "+442071234567",
                "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:+442071234567@127.0.0.1:17261", 503, null, 12L),
                        new CallRecord.Attempt("carrier-b", "sip:+442071234567@127.0.0.1:17262", 200, 180L, 900L)),
                started, started.plusMillis(912), started.plusSeconds(61), 200, "PBX", "OUTBOUND", "hq-cucm");
    }
}
