package io.trunkline.bench;

import io.trunkline.edge.overload.RawInvite;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One overload refusal on the edge's receive thread, on one thread: the INVITE read off the datagram's bytes
 * ({@link RawInvite#read}) and its stateless 503 with Retry-After written, as {@code EarlyRefusal} does for every new
 * call the node refuses while it limits. The INVITE is the one the overload benchmark's SIPp scenario sends, SDP
 * included. Run with {@code -prof gc} for the bytes allocated per refusal: under overload the refusals outnumber
 * the calls, so what they allocate sets how often the node's young collections pause it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RefusalBenchmark {

    private final byte[] invite = String.join("\r\n",
            "INVITE sip:9011442071234567@127.0.0.1:5080 SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:17550;branch=z9hG4bK-12345-1-0;rport",
            "From: sipp <sip:sipp@127.0.0.1:17550>;tag=12345SIPpTag001",
            "To: <sip:9011442071234567@127.0.0.1:5080>",
            "Call-ID: 1-12345@127.0.0.1",
            "CSeq: 1 INVITE",
            "Contact: sip:sipp@127.0.0.1:17550",
            "Max-Forwards: 70",
            "Subject: Performance Test",
            "Content-Type: application/sdp",
            "Content-Length: 129",
            "",
            "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").getBytes(StandardCharsets.ISO_8859_1);

    @Benchmark
    public byte[] refuse() {
        RawInvite read = RawInvite.read(invite, 0, invite.length);
        return read.serviceUnavailable("127.0.0.1", 17550, 5);
    }
}
