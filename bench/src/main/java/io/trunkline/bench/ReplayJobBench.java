package io.trunkline.bench;

import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The what-if replay as an analyst runs it, through the deployed platform's API: a routing draft that moves Canada
 * from B to C uploaded ({@code POST /rulebooks/routing/versions}), then replays of it over a period of the calls the
 * platform stores ({@code POST /replays}), each polled every 250 ms ({@code GET /replays/{id}}) until it is DONE.
 * Timed from the POST to the first poll that sees it done, so a figure is up to 250 ms late.
 *
 * <p>Arguments: base URL (http://127.0.0.1:8080), from, to (ISO instants), runs (2: the first replay after a start,
 * then another), user (adam; password = user, the demo accounts).
 */
public final class ReplayJobBench {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayJobBench.class);

    private ReplayJobBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = (args.length > 0 ? args[0] : "http://127.0.0.1:8080") + "/api/v1/";
        String from = args[1];
        String to = args[2];
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String user = args.length > 4 ? args[4] : "adam";
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> draft = http.send(HttpRequest.newBuilder(URI.create(base + "rulebooks/routing/versions"))
                .header("Authorization", auth).header("X-File-Name", "RoutingPolicy.drl.xlsx")
                .header("X-Change-Comment", "replay benchmark: Canada via C")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        RoutingPolicyTableSource.canadaVia("carrier-c carrier-a", "PRIORITY").toXlsx())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (draft.statusCode() != 201) {
            throw new IllegalStateException("draft refused: " + draft.statusCode() + " " + draft.body());
        }
        long version = number(draft.body(), "version");
        LOG.info("draft routing@{} stored", version);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(base + "replays"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"rulebook\":\"routing\",\"version\":" + version
                            + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (start.statusCode() != 202) {
                throw new IllegalStateException("replay refused: " + start.statusCode() + " " + start.body());
            }
            long id = number(start.body(), "id");
            String state;
            String body;
            do {
                Thread.sleep(250);
                body = http.send(HttpRequest.newBuilder(URI.create(base + "replays/" + id)).header("Authorization", auth)
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                state = text(body, "state");
            } while (state.equals("QUEUED") || state.equals("RUNNING"));
            double seconds = (System.nanoTime() - started) / 1e9;
            long decided = number(body, "decided");
            String summary = body.contains("\"summary\"") ? body.substring(body.indexOf("\"summary\""),
                    Math.min(body.length(), body.indexOf("\"summary\"") + 600)) : "(no summary)";
            LOG.info(String.format(java.util.Locale.ROOT,
                    "replay %d (run %d): %s, %d calls decided on both sides in %.1f s (%.0f calls/s); %s",
                    id, run, state, decided, seconds, decided / seconds, summary));
            if (!state.equals("DONE")) {
                throw new IllegalStateException("replay " + id + " ended " + state + ": " + body);
            }
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([A-Z_]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }
}
