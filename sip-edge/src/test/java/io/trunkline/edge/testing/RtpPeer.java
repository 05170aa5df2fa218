package io.trunkline.edge.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One side of a call's audio as a phone or trunk sends it, for tests: G.711 A-law (payload type 8) every 20 ms from
 * its RTP port, with an RTCP sender report every 1.25 s from the port above it (RFC 3550 §6.4.1), each carrying a
 * reception report of what it received (cumulative and fraction lost from the sequence numbers, interarrival jitter,
 * and the last SR received with the delay since, from which the relay computes round-trip times and MOS). It can
 * drop every n-th packet it would send, as a lossy access link does; the packets then never leave, so the receiver
 * sees gaps in the sequence numbers and reports them. Closed, it sends a final report with an RTCP BYE.
 */
public final class RtpPeer implements AutoCloseable {

    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private final InetSocketAddress remoteRtp;
    private final InetSocketAddress remoteRtcp;
    private final int dropEvery;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong intact = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** SRTP keys of what it sends and of what it receives; null: plain RTP (then with RTCP). */
    private final Srtp sendKeys;
    private final Srtp receiveKeys;
    private volatile boolean running = true;
    private volatile int lastTs;
    private volatile long lastOctets;
    private final Thread sender;
    private final Thread rtpReceiver;
    private final Thread rtcpReceiver;

    // Reception state (RFC 3550 A.1, A.3, A.8), guarded by this.
    private int remoteSsrc;
    private int baseSeq = -1;
    private int maxSeq;
    private int cycles;
    private long receivedPackets;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit = Long.MIN_VALUE;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;

    private RtpPeer(int localPort, InetSocketAddress remote, int dropEvery, Srtp sendKeys, Srtp receiveKeys)
            throws SocketException {
        this.sendKeys = sendKeys;
        this.receiveKeys = receiveKeys;
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.rtp = new DatagramSocket(new InetSocketAddress(lo, localPort));
        this.rtcp = new DatagramSocket(new InetSocketAddress(lo, localPort + 1));
        this.remoteRtp = remote;
        this.remoteRtcp = new InetSocketAddress(remote.getAddress(), remote.getPort() + 1);
        this.dropEvery = dropEvery;
        this.sender = new Thread(this::send, "rtp-peer-send-" + localPort);
        this.rtpReceiver = new Thread(this::receiveRtp, "rtp-peer-rtp-" + localPort);
        this.rtcpReceiver = new Thread(this::receiveRtcp, "rtp-peer-rtcp-" + localPort);
    }

    /**
     * Starts sending from {@code localPort} (RTP) and {@code localPort + 1} (RTCP) to {@code remote} and the port above
     * it, dropping every {@code dropEvery}-th packet (0: none).
     */
    public static RtpPeer start(int localPort, InetSocketAddress remote, int dropEvery) throws SocketException {
        return start(new RtpPeer(localPort, remote, dropEvery, null, null));
    }

    /**
     * Starts sending SRTP protected with {@code sendKeys} (null: plain RTP) and taking what arrives as SRTP of
     * {@code receiveKeys} (null: plain RTP); an SRTP side sends no RTCP.
     */
    public static RtpPeer srtp(int localPort, InetSocketAddress remote, Srtp sendKeys, Srtp receiveKeys)
            throws SocketException {
        return start(new RtpPeer(localPort, remote, 0, sendKeys, receiveKeys));
    }

    private static RtpPeer start(RtpPeer p) {
        p.rtpReceiver.start();
        p.rtcpReceiver.start();
        p.sender.start();
        return p;
    }

    /** RTP packets that left. */
    public long sent() {
        return sent.get();
    }

    /** RTP packets that arrived (and passed SRTP authentication, when it receives SRTP). */
    public long received() {
        return received.get();
    }

    /** Of those, the packets whose payload is what a peer sends (160 bytes of A-law silence): decrypted right. */
    public long intact() {
        return intact.get();
    }

    /** Packets that arrived and failed SRTP authentication, or were not RTP. */
    public long rejected() {
        return rejected.get();
    }

    private void send() {
        byte[] payload = new byte[160];
        java.util.Arrays.fill(payload, (byte) 0xd5); // A-law silence
        long start = System.nanoTime();
        long nextRtcp = start + 1_250_000_000L;
        int seq = ThreadLocalRandom.current().nextInt(1 << 15);
        int ts = ThreadLocalRandom.current().nextInt();
        long octets = 0;
        for (long n = 0; running; n++) {
            long due = start + n * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
            b.put((byte) 0x80).put((byte) 8).putShort((short) seq).putInt(ts).putInt(ssrc).put(payload);
            seq = (seq + 1) & 0xffff;
            ts += 160;
            lastTs = ts;
            if (dropEvery == 0 || (n + 1) % dropEvery != 0) {
                try {
                    byte[] packet = sendKeys == null ? b.array() : sendKeys.protect(b.array());
                    rtp.send(new DatagramPacket(packet, packet.length, remoteRtp));
                    sent.incrementAndGet();
                    octets += payload.length;
                    lastOctets = octets;
                } catch (IOException e) {
                    // as a lost packet
                }
            }
            if (sendKeys == null && receiveKeys == null && System.nanoTime() >= nextRtcp) {
                nextRtcp += 1_250_000_000L;
                try {
                    byte[] report = senderReport(ts, octets);
                    rtcp.send(new DatagramPacket(report, report.length, remoteRtcp));
                } catch (IOException e) {
                    // as a lost report
                }
            }
        }
    }

    /** An SR with one reception block about the remote source, once something was received (RFC 3550 §6.4.1). */
    private synchronized byte[] senderReport(int rtpTs, long octets) {
        boolean block = baseSeq >= 0;
        ByteBuffer b = ByteBuffer.allocate(28 + (block ? 24 : 0));
        b.put((byte) (0x80 | (block ? 1 : 0))).put((byte) 200).putShort((short) ((b.capacity() / 4) - 1));
        b.putInt(ssrc);
        long now = System.currentTimeMillis();
        long seconds = now / 1000 + NTP_EPOCH_OFFSET;
        long fraction = ((now % 1000) << 32) / 1000;
        b.putInt((int) seconds).putInt((int) fraction);
        b.putInt(rtpTs).putInt((int) sent.get()).putInt((int) octets);
        if (block) {
            long extendedMax = ((long) cycles << 16) | maxSeq;
            long expected = extendedMax - baseSeq + 1;
            long lost = Math.max(0, expected - receivedPackets);
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = receivedPackets - receivedPrior;
            expectedPrior = expected;
            receivedPrior = receivedPackets;
            long lostInterval = expectedInterval - receivedInterval;
            int fractionLost = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
            b.putInt(remoteSsrc);
            b.putInt((fractionLost << 24) | (int) (Math.min(lost, 0x7fffff) & 0xffffff));
            b.putInt((int) extendedMax);
            b.putInt((int) jitter);
            b.putInt((int) lastSrMiddle);
            long dlsr = lastSrArrivalNanos == 0 ? 0 : (System.nanoTime() - lastSrArrivalNanos) * 65_536 / 1_000_000_000L;
            b.putInt((int) Math.max(1, dlsr));
        }
        return b.array();
    }

    private void receiveRtp() {
        byte[] buf = new byte[2048];
        try {
            rtp.setSoTimeout(200);
        } catch (SocketException e) {
            return;
        }
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                rtp.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            byte[] data = receiveKeys == null ? java.util.Arrays.copyOf(buf, p.getLength())
                    : receiveKeys.unprotect(buf, p.getLength());
            if (data == null || data.length < 12 || (data[0] & 0xc0) != 0x80) {
                rejected.incrementAndGet();
                continue;
            }
            if ((data[1] & 0xff) >= 192 && (data[1] & 0xff) <= 223) {
                // RTCP on the RTP port (RFC 5761 §4: its packet types 192–223 are no RTP payload type): not audio.
                continue;
            }
            received.incrementAndGet();
            if (data.length == 172 && java.util.stream.IntStream.range(12, 172).allMatch(i -> data[i] == (byte) 0xd5)) {
                intact.incrementAndGet();
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            int seq = b.getShort(2) & 0xffff;
            long ts = b.getInt(4) & 0xffffffffL;
            int source = b.getInt(8);
            synchronized (this) {
                remoteSsrc = source;
                if (baseSeq < 0) {
                    baseSeq = seq;
                    maxSeq = seq;
                } else if (((seq - maxSeq) & 0xffff) < 0x8000) {
                    if (seq < maxSeq) {
                        cycles++;
                    }
                    maxSeq = seq;
                }
                receivedPackets++;
                // Interarrival jitter in timestamp units (8 kHz), RFC 3550 A.8.
                long arrival = System.nanoTime() / 125_000;
                long transit = arrival - ts;
                if (lastTransit != Long.MIN_VALUE) {
                    long d = Math.abs(transit - lastTransit);
                    jitter += (d - jitter) / 16.0;
                }
                lastTransit = transit;
            }
        }
    }

    private void receiveRtcp() {
        byte[] buf = new byte[2048];
        try {
            rtcp.setSoTimeout(200);
        } catch (SocketException e) {
            return;
        }
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                rtcp.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            if (p.getLength() >= 20 && (buf[1] & 0xff) == 200) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, p.getLength());
                long msw = b.getInt(8) & 0xffffffffL;
                long lsw = b.getInt(12) & 0xffffffffL;
                synchronized (this) {
                    lastSrMiddle = ((msw & 0xffff) << 16) | (lsw >>> 16);
                    lastSrArrivalNanos = System.nanoTime();
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.interrupt();
        sender.join(2_000);
        if (sendKeys != null || receiveKeys != null) {
            rtpReceiver.join(2_000);
            rtcpReceiver.join(2_000);
            rtp.close();
            rtcp.close();
            return;
        }
        // RFC 3550 §6.6: leaving, a final report and a BYE in one compound packet.
        ByteBuffer sr = ByteBuffer.wrap(senderReport(lastTs, lastOctets));
        ByteBuffer bye = ByteBuffer.allocate(sr.capacity() + 8);
        bye.put(sr).put((byte) 0x81).put((byte) 203).putShort((short) 1).putInt(ssrc);
        try {
            rtcp.send(new DatagramPacket(bye.array(), bye.capacity(), remoteRtcp));
        } catch (IOException e) {
            // as a lost report
        }
        rtpReceiver.join(2_000);
        rtcpReceiver.join(2_000);
        rtp.close();
        rtcp.close();
    }
}
