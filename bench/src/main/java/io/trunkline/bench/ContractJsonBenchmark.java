package io.trunkline.bench;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RoutingCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the wire contract's JSON costs per call, on each side of it: the platform writes a decision (without its trace,
 * as the edge asks for it) and the edge reads it; the edge writes a call's record and the platform reads it. The
 * decision and the record are those of issue #16's capacity scenario (an international call with three carrier routes,
 * carrier A answering 503 and B 200), so a score is the cost of that step for one call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContractJsonBenchmark {

    private RouteDecision decision;
    private String decisionJson;
    private CallRecord record;
    private String recordJson;

    @Setup
    public void setUp() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("dialplan", "v3");
        versions.put("routing", "v12");
        versions.put("fraud", "v4");
        versions.put("stir", "v2");
        Instant at = Instant.parse("2026-12-07T09:15:02.417Z");
        decision = new RouteDecision("8f1c2a7e-3b11-4a2d-9c61-5d0e7f6b2a14@10.0.1.10", RouteDecision.Verdict.ROUTE, null,
                "RoutingPolicy_14 LEAST_COST", "INTERNATIONAL", "+442071234567", "+12125552001",
                List.of(new Route("carrier-a", Route.Kind.CARRIER, "sip:+442071234567@127.0.0.1:5071;transport=udp",
                                "+12125552001", new BigDecimal("0.0112"), "USD", "least cost 0.0112/min, ASR 54 %"),
                        new Route("carrier-b", Route.Kind.CARRIER, "sip:+442071234567@127.0.0.1:5072;transport=udp",
                                "+12125552001", new BigDecimal("0.0125"), "USD", "least cost 0.0125/min, ASR 61 %"),
                        new Route("carrier-c", Route.Kind.CARRIER, "sip:+442071234567@127.0.0.1:5073;transport=udp",
                                "+12125552001", new BigDecimal("0.0190"), "USD", "least cost 0.0190/min, ASR 48 %")),
                List.of(503, 408, 480, 500), 2000, versions, List.of(), at);
        decisionJson = RoutingCodec.write(decision, false);
        record = new CallRecord("8f1c2a7e-3b11-4a2d-9c61-5d0e7f6b2a14@10.0.1.10", "edge-1", "hq-cucm", "2001",
                "9011442071234567", "+12125552001", "+442071234567", "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:+442071234567@127.0.0.1:5071", 503, null, 4L),
                        new CallRecord.Attempt("carrier-b", "sip:+442071234567@127.0.0.1:5072", 200, 3L, 5L)),
                at, at.plusMillis(11), at.plusMillis(1_012), 200, "PBX", "OUTBOUND", "hq-cucm");
        recordJson = record.toJson();
        if (!RoutingCodec.readDecision(decisionJson).routes().equals(decision.routes())
                || !CallRecord.fromJson(recordJson).equals(record)) {
            throw new IllegalStateException("the contract's JSON does not read back what it wrote");
        }
    }

    /** The platform: a decision written as its answer. */
    @Benchmark
    public String writeDecision() {
        return RoutingCodec.write(decision, false);
    }

    /** The edge: the platform's answer read. */
    @Benchmark
    public RouteDecision readDecision() {
        return RoutingCodec.readDecision(decisionJson);
    }

    /** The edge: a call's record written to its journal. */
    @Benchmark
    public String writeRecord() {
        return record.toJson();
    }

    /** The platform: a delivered record read. */
    @Benchmark
    public CallRecord readRecord() {
        return CallRecord.fromJson(recordJson);
    }
}
