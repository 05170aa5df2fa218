package io.trunkline.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a rulebook body of a given size without Content-Length (chunked, HTTP/1.1, as the JDK client sends a
 * stream) to a running platform, a number of times, and counts how often the client reads the platform's 413 and
 * how often the connection ends before it does; one summary line through the log. Run by
 * {@code bench/run-chunked-over-limit.sh SIZE TIMES [API base URL]} with the platform up ({@code ./trunkline run},
 * demo user ana).
 */
public final class ChunkedOverLimit {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedOverLimit.class);

    private ChunkedOverLimit() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int times = Integer.parseInt(args[1]);
        String base = args.length > 2 ? args[2] : "http://127.0.0.1:8080/api/v1/";
        byte[] body = new byte[size];
        int refused = 0;
        int other = 0;
        int ended = 0;
        String last = "";
        for (int i = 0; i < times; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "rulebooks/routing/versions"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ana:ana".getBytes()))
                    .header("Content-Type", "application/octet-stream").header("X-File-Name", "RoutingPolicy.drl.xlsx")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            try {
                HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                        .send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 413) {
                    refused++;
                } else {
                    other++;
                    last = response.statusCode() + " " + response.body();
                }
            } catch (IOException e) {
                ended++;
                last = e.toString();
            }
        }
        LOG.info("{} bytes, {} uploads: 413 read {}, other answers {}, connection ended first {}{}", size, times, refused,
                other, ended, last.isEmpty() ? "" : " (last: " + last + ")");
    }
}
