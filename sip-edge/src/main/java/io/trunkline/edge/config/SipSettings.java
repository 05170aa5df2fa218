package io.trunkline.edge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * How the node binds SIP: keys {@code sip.address}, {@code sip.port}, {@code sip.transports}, {@code sip.*}.
 *
 * @param udpBuffer the UDP socket's receive and send buffer in bytes ({@code sip.udp-buffer}, default 4 MiB): JAIN-SIP
 *                  asks for 64 KiB, which holds a few dozen datagrams, so a 30 ms pause of the node under a burst
 *                  (a young collection, a flood being banned) had the kernel drop carriers' answers; the kernel caps it
 *                  at {@code net.core.rmem_max}
 * @param waitTimerMs how long a completed transaction stays to absorb the other side's retransmissions over UDP
 *                  ({@code sip.wait-timer-ms}, default 5,000 ms, between 1,000 and 32,000): a BYE's or other non-INVITE
 *                  request's server transaction (RFC 3261 Timer J) and an INVITE's client transaction answered 3xx–6xx
 *                  (Timer D). The RFC's 32 s kept every ended call's transactions, with their messages, in the heap for
 *                  half a minute; Kamailio's and OpenSIPS's {@code tm wt_timer} use 5 s for the same reason. 32,000
 *                  gives the RFC's values
 */
public record SipSettings(String address, int port, List<String> transports, int maxMessageSize, int threads,
                          TlsSettings tls, int udpBuffer, int waitTimerMs) {

    public static final int DEFAULT_UDP_BUFFER = 4 * 1024 * 1024;
    public static final int DEFAULT_WAIT_TIMER_MS = 5_000;

    private static final Set<String> TRANSPORTS = Set.of("udp", "tcp", "tls");

    public SipSettings {
        transports = List.copyOf(transports);
        if (waitTimerMs < 1_000 || waitTimerMs > 32_000) {
            throw new IllegalArgumentException("sip.wait-timer-ms: " + waitTimerMs + " is not between 1000 and 32000");
        }
    }

    static SipSettings from(Properties p) {
        int port = Props.port(p, "sip.port", 5060);
        List<String> transports = transports(p.getProperty("sip.transports", "udp,tcp"));
        // The stack gives every received datagram a buffer of this size until a worker has parsed it: 16 KB
        // leaves room for the largest SDP while a backlog at peak load cannot pin 64 KB per queued packet.
        return new SipSettings(Props.text(p, "sip.address", "127.0.0.1"), port, transports,
                Props.positive(p, "sip.max-message-size", 16_384), Props.positive(p, "sip.threads", 8),
                TlsSettings.from(p, port, transports.contains("tls")), Props.positive(p, "sip.udp-buffer", DEFAULT_UDP_BUFFER),
                Props.positive(p, "sip.wait-timer-ms", DEFAULT_WAIT_TIMER_MS));
    }

    /** The port of a transport: TLS has its own. */
    public int portOf(String transport) {
        return "tls".equals(transport) ? tls.port() : port;
    }

    private static List<String> transports(String csv) {
        List<String> out = new ArrayList<>();
        for (String t : csv.split(",")) {
            String name = t.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!TRANSPORTS.contains(name)) {
                throw new IllegalArgumentException("sip.transports: unknown transport '" + name + "' (known: udp, tcp, tls)");
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("sip.transports: at least one transport is required");
        }
        return out;
    }
}
