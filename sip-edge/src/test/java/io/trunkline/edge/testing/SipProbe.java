package io.trunkline.edge.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One OPTIONS over UDP from a chosen loopback address, to see whether a node answers a source or drops it. */
public final class SipProbe {

    private SipProbe() {
    }

    /** The status line node {@code port} on 127.0.0.1 answers within a second, or null when it stays silent. */
    public static String options(String fromIp, int port, String userAgent) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(fromIp, 0))) {
            socket.setSoTimeout(1_000);
            String msg = "OPTIONS sip:100@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + fromIp + ":" + socket.getLocalPort() + ";branch=z9hG4bK-" + System.nanoTime()
                    + "\r\nFrom: <sip:100@" + fromIp + ">;tag=1\r\nTo: <sip:100@127.0.0.1>\r\nCall-ID: probe-"
                    + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nUser-Agent: " + userAgent
                    + "\r\nContent-Length: 0\r\n\r\n";
            byte[] out = msg.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", port)));
            byte[] in = new byte[4096];
            DatagramPacket answer = new DatagramPacket(in, in.length);
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String text = new String(in, 0, answer.getLength(), StandardCharsets.US_ASCII);
            return text.substring(0, text.indexOf('\r'));
        }
    }
}
