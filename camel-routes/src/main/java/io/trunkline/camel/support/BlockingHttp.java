package io.trunkline.camel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP exchange on the calling thread, for the platform's few outbound calls (carriers' status feeds, alert
 * webhooks, the edge nodes' test calls). It uses {@link HttpURLConnection} rather than the JDK's {@code HttpClient}: on
 * Java 17 every {@code HttpClient} starts a selector thread that has no close, lives as long as anything reaches the
 * client, and holds the access-control context of the code that made it, the deployment's own protection domains
 * among them. After an undeployment that thread kept every class of the deployment loaded (about 60 MB of Metaspace a
 * redeployment; docs/benchmarks.md). {@code HttpURLConnection} starts no thread of the caller's (its keep-alive timer
 * is the JDK's own, made without the caller's context).
 */
public final class BlockingHttp {

    /** An answer: its status and at most the body's first {@code maxBytes} bytes. */
    public record Reply(int status, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How one exchange is made; redirects are followed (GET only) as the JDK's {@code Redirect.NORMAL} does. */
    public record Options(Duration connectTimeout, Duration readTimeout, boolean followRedirects, int maxBytes) {
    }

    /** As the JDK's {@code HttpClient} with {@code Redirect.NORMAL}: a few hops, never from https down to http. */
    static final int MAX_REDIRECTS = 5;

    private BlockingHttp() {
    }

    /**
     * Sends {@code method} to {@code uri} with {@code headers} and {@code body} (none when null) and reads the answer,
     * whatever its status. The read timeout bounds each wait for the server, not the exchange as a whole.
     *
     * @throws IOException the connection failed, timed out or was cut
     * @throws IllegalArgumentException {@code uri} is not an absolute http or https URI
     */
    public static Reply exchange(URI uri, String method, Map<String, String> headers, byte[] body, Options options)
            throws IOException {
        URI target = uri;
        for (int hop = 0; ; hop++) {
            String scheme = target.getScheme();
            if (!target.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("not an http or https URI: " + target);
            }
            HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
            try {
                c.setConnectTimeout(millis(options.connectTimeout()));
                c.setReadTimeout(millis(options.readTimeout()));
                // Redirects are followed here, not by the connection, which stays on one scheme (http to https is
                // the usual move of a feed).
                c.setInstanceFollowRedirects(false);
                c.setUseCaches(false);
                c.setRequestMethod(method);
                headers.forEach(c::setRequestProperty);
                if (body != null) {
                    c.setDoOutput(true);
                    c.setFixedLengthStreamingMode(body.length);
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = c.getResponseCode();
                URI next = redirect(target, status, c.getHeaderField("Location"));
                if (next != null && options.followRedirects() && body == null && hop < MAX_REDIRECTS) {
                    target = next;
                    continue;
                }
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                byte[] read = new byte[0];
                if (in != null) {
                    try (in) {
                        read = in.readNBytes(options.maxBytes());
                    }
                }
                return new Reply(status, read);
            } finally {
                c.disconnect();
            }
        }
    }

    /** Where a redirect answer sends the request, or null: not a redirect, no Location, or https to http. */
    private static URI redirect(URI from, int status, String location) {
        if (location == null || (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)) {
            return null;
        }
        URI to;
        try {
            to = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        return "https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme()) ? null : to;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
