package io.trunkline.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.pkts.packet.sip.SipMessage;
import io.pkts.packet.sip.header.ContactHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reading and writing SIP costs the edge per message, JAIN-SIP RI 1.3.0-91 (the edge's stack) beside pkts-sip
 * 3.0.18 (a lazy parser without transactions), on the datagrams of issue #16's capacity scenario as captured on the
 * wire ({@code sip/capacity-call-mix.txt}) or on messages written the way PBXs and carriers write them
 * ({@code sip/pbx-carrier-mix.txt}). The messages the edge receives are parsed, the ones it sends encoded; each mix is
 * expanded to 1,000 calls by its per-call weights and shuffled, and one operation is one message, so a score times the
 * messages per call (logged at setup) is the cost per call.
 *
 * <ul>
 *   <li>{@code jainSipParse}: the stack's parser as its UDP channel calls it, every header parsed;
 *   <li>{@code pktsParse}: framing, then every header a B2BUA reads (top Via's branch, From and To tags, Call-ID, CSeq,
 *       Contact URI, Max-Forwards, Route and Record-Route, the request URI, the body);
 *   <li>{@code jainSipEncode}: a parsed message written out again as the stack writes one it sends;
 *   <li>{@code pktsRebuildEncode}: a framed message copied through its builder and written out (pkts messages are
 *       immutable: a B2BUA builds each message it sends).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SipParseBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SipParseBenchmark.class);

    @Param({"capacity-call-mix", "pbx-carrier-mix"})
    public String mix;

    private byte[][] received;
    private byte[][] sent;
    private SIPMessage[] sentParsed;
    private SipMessage[] sentFramed;
    private int r;
    private int s;

    @Setup(Level.Trial)
    public void load() throws Exception {
        List<Weighted> messages = read("/sip/" + mix + ".txt");
        List<byte[]> in = new ArrayList<>();
        List<byte[]> out = new ArrayList<>();
        double inPerCall = 0;
        double outPerCall = 0;
        for (Weighted m : messages) {
            int copies = (int) Math.round(m.perCall * 1_000);
            for (int i = 0; i < copies; i++) {
                (m.sentByEdge ? out : in).add(m.bytes);
            }
            if (m.sentByEdge) {
                outPerCall += m.perCall;
            } else {
                inPerCall += m.perCall;
            }
            // Every message must read back whole with both parsers before anything is timed.
            SIPMessage parsed = new StringMsgParser().parseSIPMessage(m.bytes, true, false, null);
            if (parsed == null || parsed.getContentLength().getContentLength() != body(m.bytes)) {
                throw new IllegalStateException(mix + ": JAIN-SIP did not read " + m.label);
            }
            touch(SipMessage.frame(m.bytes));
        }
        Collections.shuffle(in, new Random(16));
        Collections.shuffle(out, new Random(17));
        received = in.toArray(new byte[0][]);
        sent = out.toArray(new byte[0][]);
        sentParsed = new SIPMessage[sent.length];
        sentFramed = new SipMessage[sent.length];
        for (int i = 0; i < sent.length; i++) {
            sentParsed[i] = new StringMsgParser().parseSIPMessage(sent[i], true, false, null);
            sentFramed[i] = SipMessage.frame(sent[i]);
        }
        LOG.info(String.format("%s: %.2f messages received and %.2f sent per call", mix, inPerCall, outPerCall));
    }

    @Benchmark
    public Object jainSipParse() throws Exception {
        byte[] m = received[r++ % received.length];
        return new StringMsgParser().parseSIPMessage(m, true, false, null);
    }

    @Benchmark
    public Object pktsParse() throws Exception {
        return touch(SipMessage.frame(received[r++ % received.length]));
    }

    @Benchmark
    public byte[] jainSipEncode() {
        return sentParsed[s++ % sentParsed.length].encodeAsBytes("UDP");
    }

    @Benchmark
    public Object pktsRebuildEncode() {
        return sentFramed[s++ % sentFramed.length].copy().build().toBuffer().getArray();
    }

    /** Reads what a B2BUA reads of a message, so the lazy parser parses it. */
    static long touch(SipMessage m) throws IOException {
        long h = m.getViaHeader().getBranch().hashCode();
        h += m.getFromHeader().getTag().hashCode();
        h += m.getToHeader().getTag() == null ? 0 : m.getToHeader().getTag().hashCode();
        h += m.getCallIDHeader().getCallId().hashCode();
        h += m.getCSeqHeader().getSeqNumber() + m.getCSeqHeader().getMethod().hashCode();
        ContactHeader contact = m.getContactHeader();
        if (contact != null) {
            h += contact.getAddress().getURI().hashCode();
        }
        h += m.getRecordRouteHeaders().size() + m.getRouteHeaders().size();
        if (m.isRequest()) {
            h += m.toRequest().getRequestUri().hashCode();
            h += m.getMaxForwards() == null ? 0 : m.getMaxForwards().getMaxForwards();
        }
        h += m.getContentLength();
        if (m.getContent() != null) {
            h += m.getContent().capacity();
        }
        return h;
    }

    private record Weighted(String label, double perCall, boolean sentByEdge, byte[] bytes) {
    }

    /** The mix file: {@code @ <per call> <label>} lines, each followed by its message and a line {@code %%}. */
    private static List<Weighted> read(String resource) throws IOException {
        List<Weighted> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SipParseBenchmark.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String label = null;
            double perCall = 0;
            StringBuilder text = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#") && label == null) {
                    continue;
                }
                if (line.startsWith("@ ")) {
                    String[] parts = line.substring(2).split(" ", 2);
                    perCall = Double.parseDouble(parts[0]);
                    label = parts[1];
                    text.setLength(0);
                } else if (line.equals("%%")) {
                    out.add(new Weighted(label, perCall, label.contains("edge to "), text.toString().getBytes(StandardCharsets.UTF_8)));
                    label = null;
                } else {
                    text.append(line).append("\r\n");
                }
            }
        }
        return out;
    }

    /** The body length of a message: the bytes after the blank line. */
    private static int body(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return m.length - i - 4;
            }
        }
        return 0;
    }
}
