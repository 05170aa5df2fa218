package io.trunkline.camel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
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

    /** How one exchange is made. */
    public record Options(Duration connectTimeout, Duration readTimeout, boolean followRedirects, int maxBytes) {
    }

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
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not an http or https URI: " + uri);
        }
        URLConnection opened = uri.toURL().openConnection();
        HttpURLConnection c = (HttpURLConnection) opened;
        try {
            c.setConnectTimeout(millis(options.connectTimeout()));
            c.setReadTimeout(millis(options.readTimeout()));
            c.setInstanceFollowRedirects(options.followRedirects());
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

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
