package io.trunkline.edge.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel to one rtpengine instance over its {@code ng} protocol: a datagram {@code <cookie> <bencoded
 * dictionary>} per request, the reply carrying the same cookie. A request with no reply within the timeout is sent
 * again with the same cookie (rtpengine keeps its replies by cookie for a while, so a retransmitted {@code offer} is
 * answered again, not executed twice), up to the configured attempts. Requests from many threads share one socket; a
 * receiving thread hands each reply to its waiting request by cookie.
 */
public final class NgClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NgClient.class);
    /** The largest reply read: an SDP of a few kilobytes, or a {@code query} of a call with many streams. */
    private static final int MAX_REPLY = 65_507;

    private final InetSocketAddress server;
    private final Duration timeout;
    private final int attempts;
    private final DatagramSocket socket;
    private final String cookiePrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final Thread receiver;
    private final RateLimitedLog strayReplies = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    /**
     * @param server   the instance's {@code listen-ng} address
     * @param timeout  how long one transmission waits for its reply
     * @param attempts transmissions of a request before it fails with {@link NgException.Cause#TIMEOUT}
     */
    public NgClient(InetSocketAddress server, Duration timeout, int attempts) throws SocketException {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.server = server;
        this.timeout = timeout;
        this.attempts = attempts;
        this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress().isLoopbackAddress()
                ? server.getAddress() : null, 0));
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        // Unique per client, so that replies to an earlier run's requests (same port reused) never match.
        this.cookiePrefix = HexFormat.of().formatHex(random) + "_";
        this.receiver = new Thread(this::receive, "ng-" + server.getHostString() + ":" + server.getPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    public InetSocketAddress server() {
        return server;
    }

    /**
     * Sends {@code request} (a dictionary with its {@code command}) and returns the reply's dictionary when its
     * {@code result} is {@code ok} or {@code pong}.
     *
     * @throws NgException TIMEOUT when no reply came, REFUSED when rtpengine answered an error (its
     *                     {@code error-reason}), MALFORMED when the reply was not a bencoded dictionary with a result
     */
    public Map<String, Object> call(Map<String, Object> request) throws NgException {
        String cookie = cookiePrefix + sequence.incrementAndGet();
        byte[] body = Bencode.encode(request);
        byte[] datagram = new byte[cookie.length() + 1 + body.length];
        System.arraycopy(cookie.getBytes(StandardCharsets.US_ASCII), 0, datagram, 0, cookie.length());
        datagram[cookie.length()] = ' ';
        System.arraycopy(body, 0, datagram, cookie.length() + 1, body.length);
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        pending.put(cookie, reply);
        try {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    socket.send(new DatagramPacket(datagram, datagram.length, server));
                } catch (IOException e) {
                    // An ICMP unreachable from an earlier datagram shows here on some systems: try again as if lost.
                    LOG.debug("ng request to {} not sent: {}", server, e.getMessage());
                }
                try {
                    return result(request.get("command"), reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    LOG.debug("no ng reply from {} within {} ms (attempt {} of {})", server, timeout.toMillis(), attempt,
                            attempts);
                } catch (ExecutionException e) {
                    throw new NgException(NgException.Cause.MALFORMED, e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NgException(NgException.Cause.TIMEOUT, "interrupted waiting for " + server);
                }
            }
            throw new NgException(NgException.Cause.TIMEOUT, "no reply from rtpengine at " + server.getHostString()
                    + ":" + server.getPort() + " to '" + request.get("command") + "' after " + attempts + " attempts of "
                    + timeout.toMillis() + " ms");
        } finally {
            pending.remove(cookie);
        }
    }

    /** The reply's dictionary, or why it is not a good one. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> result(Object command, byte[] body) throws NgException {
        Object decoded;
        try {
            decoded = Bencode.decode(body, 0);
        } catch (Bencode.BencodeException e) {
            throw new NgException(NgException.Cause.MALFORMED, "rtpengine at " + server + " answered '" + command
                    + "' with something that is not bencoding (" + e.getMessage() + ")");
        }
        if (!(decoded instanceof Map<?, ?> map) || !(map.get("result") instanceof String result)) {
            throw new NgException(NgException.Cause.MALFORMED, "rtpengine at " + server + " answered '" + command
                    + "' without a result");
        }
        if (result.equals("ok") || result.equals("pong")) {
            return (Map<String, Object>) map;
        }
        Object reason = map.get("error-reason");
        throw new NgException(NgException.Cause.REFUSED, "rtpengine at " + server + " refused '" + command + "': "
                + (reason != null ? reason : result));
    }

    private void receive() {
        byte[] buffer = new byte[MAX_REPLY];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("ng receive from {}: {}", server, e.getMessage());
                }
                continue;
            }
            int space = -1;
            for (int i = 0; i < packet.getLength() && i < 256; i++) {
                if (buffer[i] == ' ') {
                    space = i;
                    break;
                }
            }
            if (space <= 0) {
                strayReplies.warn("malformed", "an ng datagram without a cookie from {} (every such datagram in a "
                        + "minute is dropped silently after this one)", packet.getSocketAddress());
                continue;
            }
            String cookie = new String(buffer, 0, space, StandardCharsets.US_ASCII);
            CompletableFuture<byte[]> waiting = pending.get(cookie);
            if (waiting == null) {
                // A reply to a retransmission already answered, or to a request that gave up: nothing waits for it.
                continue;
            }
            byte[] body = new byte[packet.getLength() - space - 1];
            System.arraycopy(buffer, space + 1, body, 0, body.length);
            waiting.complete(body);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
