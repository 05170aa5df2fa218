package io.trunkline.camel.feeds;

import io.trunkline.camel.support.TrunklineRouteBuilder;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * One route per carrier status feed, {@code status-feed-<carrier>}: a timer at the feed's interval, an HTTP GET
 * (10 s timeout), the body parsed by {@link StatusFeedParser} and handed to the port. A poll that fails (no
 * answer, an HTTP error, a body that is no feed) is told to the port with the reason and logged; a port that cannot
 * take it (the platform stopping) costs a warning; the next poll comes at the next interval.
 */
public class StatusFeedRoutes extends TrunklineRouteBuilder {

    public static final String ROUTE_PREFIX = "status-feed-";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final List<StatusFeedSource> sources;
    private final StatusFeedPort port;
    private final StatusFeedParser parser = new StatusFeedParser();

    public StatusFeedRoutes(List<StatusFeedSource> sources, StatusFeedPort port) {
        this.sources = List.copyOf(sources);
        this.port = port;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(exchange -> {
                    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    StatusFeedSource source = exchange.getProperty("trunklineFeed", StatusFeedSource.class);
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    if (source != null) {
                        log.warn("status feed of {} not read: {}", source.carrier(), reason);
                        try {
                            port.failed(source, reason);
                        } catch (RuntimeException notRecorded) {
                            // The platform stopping (its beans refuse calls) or its store failing: one line, not
                            // Camel's fatal-error stack traces, and the next poll tells it again.
                            log.warn("status feed failure of {} not recorded: {}", source.carrier(), notRecorded.toString());
                        }
                    }
                });
        for (StatusFeedSource source : sources) {
            from("timer:" + ROUTE_PREFIX + source.carrier() + "?delay=2000&period=" + source.interval().toMillis())
                    .routeId(ROUTE_PREFIX + source.carrier())
                    .process(exchange -> {
                        exchange.setProperty("trunklineFeed", source);
                        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(source.url())
                                .timeout(Duration.ofSeconds(10))
                                .header("Accept", "application/json, application/rss+xml, application/atom+xml, text/xml")
                                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                        byte[] body;
                        // Read no further than the parser's limit, one byte past it so that it refuses the feed.
                        try (InputStream in = r.body()) {
                            body = in.readNBytes(StatusFeedParser.MAX_BYTES + 1);
                        }
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalStateException(source.url() + " answered HTTP " + r.statusCode());
                        }
                        port.polled(source, parser.parse(body));
                    });
        }
    }
}
