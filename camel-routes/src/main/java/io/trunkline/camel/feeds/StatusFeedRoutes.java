package io.trunkline.camel.feeds;

import io.trunkline.camel.support.BlockingHttp;
import io.trunkline.camel.support.TrunklineRouteBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * One route per carrier status feed, {@code status-feed-<carrier>}: a timer at the feed's interval, an HTTP GET
 * (10 s timeout), the body parsed by {@link StatusFeedParser} and handed to the port. A poll that fails (no
 * answer, an HTTP error, a body that is no feed) is told to the port with the reason and logged; a port that cannot
 * take it (the platform stopping) costs a warning; the next poll comes at the next interval.
 */
public class StatusFeedRoutes extends TrunklineRouteBuilder {

    public static final String ROUTE_PREFIX = "status-feed-";
    /** Read no further than the parser's limit, one byte past it so that it refuses the feed. */
    private static final BlockingHttp.Options HTTP = new BlockingHttp.Options(Duration.ofSeconds(5),
            Duration.ofSeconds(10), true, StatusFeedParser.MAX_BYTES + 1);

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
                        BlockingHttp.Reply r = BlockingHttp.exchange(source.url(), "GET", Map.of("Accept",
                                "application/json, application/rss+xml, application/atom+xml, text/xml"), null, HTTP);
                        if (r.status() / 100 != 2) {
                            throw new IllegalStateException(source.url() + " answered HTTP " + r.status());
                        }
                        port.polled(source, parser.parse(r.body()));
                    });
        }
    }
}
