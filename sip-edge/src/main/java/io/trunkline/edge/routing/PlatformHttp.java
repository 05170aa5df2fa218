package io.trunkline.edge.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP/1.1 the edge speaks to the platform's decision endpoint: persistent connections kept in a pool, one
 * request at a time on each, the calling thread writing the request and reading the answer itself within the
 * request's budget (every read waits at most what is left of it). It replaces the JDK's {@code HttpClient}, whose
 * hand-offs between the caller, its selector thread and its executor and the futures between them cost about an
 * eighth of the node's CPU under load (docs/benchmarks.md, issue #16): a decision here costs one write and one
 * read on a warm connection.
 *
 * <p>A connection the platform closed while it sat idle (its keep-alive timeout) shows as the end of the stream
 * or a reset before any byte of the answer: the request is sent once more on a new connection, within the same
 * budget. A connection that timed out is closed (its answer may still come) and never reused. Connections idle
 * longer than {@value #IDLE_MS} ms are closed rather than reused. {@code https} URLs use the JVM's default trust
 * store and check the platform's host name.
 */
final class PlatformHttp implements AutoCloseable {

    static final long IDLE_MS = 30_000;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** An answer: its status, its body, and the decision token of its {@code Trunkline-Decision-Token} header or null. */
    record Reply(int status, String body, String token) {
    }

    private final String host;
    private final int port;
    private final boolean tls;
    private final String hostHeader;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    PlatformHttp(URI base) {
        this.tls = "https".equalsIgnoreCase(base.getScheme());
        if (!tls && !"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("platform.url: '" + base + "' is neither http nor https");
        }
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        this.hostHeader = base.getPort() > 0 ? host + ":" + port : host;
    }

    /** POSTs {@code body} as JSON to {@code path}; an {@link IOException} (a {@link SocketTimeoutException} past the budget) otherwise. */
    Reply post(String path, String authorization, byte[] body, Duration budget) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Connection c = pooled();
        if (c != null) {
            try {
                return exchange(c, head, body, deadline);
            } catch (Stale e) {
                c.close(); // closed by the platform while idle: once more on a new connection
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
        c = open(deadline);
        try {
            return exchange(c, head, body, deadline);
        } catch (Stale e) {
            c.close();
            throw new IOException("the platform closed the connection without answering", e);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private Connection pooled() {
        long now = System.nanoTime();
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (now - c.idleSince < IDLE_MS * 1_000_000) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private Reply exchange(Connection c, byte[] head, byte[] body, long deadline) throws IOException {
        c.send(head, body);
        Reply reply = c.receive(deadline);
        if (c.keepAlive && !closed) {
            c.idleSince = System.nanoTime();
            idle.offerFirst(c);
        } else {
            c.close();
        }
        return reply;
    }

    private Connection open(long deadline) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), remainingMillis(deadline));
            if (tls) {
                SSLSocket t = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(s, host, port, true);
                SSLParameters p = t.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                t.setSSLParameters(p);
                t.setSoTimeout(remainingMillis(deadline));
                t.startHandshake();
                s = t;
            }
            return new Connection(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("no answer within the budget");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    /** The connection ended before any byte of the answer: the platform had closed it while idle. */
    private static final class Stale extends IOException {
        Stale(String message) {
            super(message);
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int lim;
        private boolean keepAlive;
        private long idleSince;
        private long deadline;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void send(byte[] head, byte[] body) throws IOException {
            try {
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
                out.flush();
            } catch (java.net.SocketException e) {
                throw new Stale(e.getMessage());
            }
        }

        Reply receive(long deadline) throws IOException {
            this.deadline = deadline;
            pos = 0;
            lim = 0;
            String status;
            try {
                status = line(true);
            } catch (java.net.SocketException e) {
                throw new Stale(e.getMessage());
            }
            if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                throw new IOException("not an HTTP/1.x answer: " + printable(status));
            }
            int code;
            try {
                code = Integer.parseInt(status.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("no status code: " + printable(status));
            }
            keepAlive = status.startsWith("HTTP/1.1");
            long length = -1;
            boolean chunked = false;
            String token = null;
            int headerBytes = status.length();
            for (String h = line(false); !h.isEmpty(); h = line(false)) {
                headerBytes += h.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("the answer's header is over " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length: " + printable(value));
                        }
                    }
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "trunkline-decision-token" -> token = value.isEmpty() ? null : value;
                    case "connection" -> {
                        String v = value.toLowerCase(Locale.ROOT);
                        if (v.contains("close")) {
                            keepAlive = false;
                        } else if (v.contains("keep-alive")) {
                            keepAlive = true;
                        }
                    }
                    default -> {
                        // not needed
                    }
                }
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(length > 0 ? (int) Math.min(length, 65536) : 512);
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(body, size);
                    if (!line(false).isEmpty()) {
                        throw new IOException("a chunk does not end where its size says");
                    }
                }
                for (String trailer = line(false); !trailer.isEmpty(); trailer = line(false)) {
                    // trailers are not used
                }
            } else if (length >= 0) {
                copy(body, length);
            } else if (code != 204 && code != 304) {
                keepAlive = false; // the body runs to the end of the stream
                do {
                    body.write(buf, pos, lim - pos);
                    pos = lim;
                    if (body.size() > MAX_BODY_BYTES) {
                        throw new IOException("the answer is over " + MAX_BODY_BYTES + " bytes");
                    }
                } while (fill());
            }
            return new Reply(code, body.toString(StandardCharsets.UTF_8), token);
        }

        private long chunkSize() throws IOException {
            String l = line(false);
            int semi = l.indexOf(';');
            try {
                long n = Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
                if (n < 0 || n > MAX_BODY_BYTES) {
                    throw new IOException("bad chunk size: " + printable(l));
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + printable(l));
            }
        }

        private void copy(java.io.ByteArrayOutputStream body, long n) throws IOException {
            if (n > MAX_BODY_BYTES || body.size() + n > MAX_BODY_BYTES) {
                throw new IOException("the answer is over " + MAX_BODY_BYTES + " bytes");
            }
            long left = n;
            while (left > 0) {
                if (pos == lim && !fill()) {
                    throw new IOException("the answer ended " + left + " bytes short");
                }
                int take = (int) Math.min(left, lim - pos);
                body.write(buf, pos, take);
                pos += take;
                left -= take;
            }
        }

        /** One line without its CRLF (or LF); {@code first}: the end of the stream before any byte is {@link Stale}. */
        private String line(boolean first) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (pos == lim && !fill()) {
                    if (first && sb.isEmpty()) {
                        throw new Stale("end of stream before the answer");
                    }
                    throw new IOException("the answer ended inside its header");
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') {
                        sb.setLength(n - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() >= MAX_HEADER_BYTES) {
                    throw new IOException("a header line of the answer is over " + MAX_HEADER_BYTES + " bytes");
                }
                sb.append((char) (b & 0xff));
            }
        }

        private boolean fill() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
