package io.trunkline.camel.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status-feed route against a local HTTP server: a feed read, then a failing poll reported with its reason; a
 * port that cannot take a failure fails no exchange.
 */
class StatusFeedRoutesTest {

    private HttpServer server;
    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void eachPollHandsTheFeedOverAndAFailedOneItsReason() throws Exception {
        byte[] json = Files.readAllBytes(Path.of("src/test/resources/statusfeed/valid/statuspage.json"));
        AtomicInteger polls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/incidents.json", exchange -> {
            if (polls.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
            } else {
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        server.start();
        Properties p = new Properties();
        p.setProperty("feed.status.carrier-c.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/incidents.json");
        p.setProperty("feed.status.carrier-c.interval", "1s");
        List<StatusFeed> read = new CopyOnWriteArrayList<>();
        List<String> failed = new CopyOnWriteArrayList<>();
        camel = new DefaultCamelContext();
        camel.addRoutes(new StatusFeedRoutes(StatusFeedSource.from(p), new StatusFeedPort() {
            @Override
            public void polled(StatusFeedSource source, StatusFeed feed) {
                read.add(feed);
            }

            @Override
            public void failed(StatusFeedSource source, String reason) {
                failed.add(source.carrier() + ": " + reason);
            }
        }));
        camel.start();
        long end = System.nanoTime() + 20_000_000_000L;
        while ((read.isEmpty() || failed.isEmpty()) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(read.get(0).incidents()).hasSize(2);
        assertThat(failed.get(0)).startsWith("carrier-c: http://127.0.0.1:").endsWith("answered HTTP 503");
        assertThat(camel.getRoutes()).extracting(r -> r.getId()).containsExactly("status-feed-carrier-c");
    }

    @Test
    void aPortThatCannotTakeTheFailureFailsNoExchangeAndPollingGoesOn() throws Exception {
        Properties p = new Properties();
        // Nothing listens on port 9 here: every poll fails to connect.
        p.setProperty("feed.status.carrier-c.url", "http://127.0.0.1:9/api/v2/incidents.json");
        p.setProperty("feed.status.carrier-c.interval", "1s");
        AtomicInteger told = new AtomicInteger();
        AtomicInteger failedExchanges = new AtomicInteger();
        camel = new DefaultCamelContext();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeFailedEvent) {
                    failedExchanges.incrementAndGet();
                }
            }
        });
        camel.addRoutes(new StatusFeedRoutes(StatusFeedSource.from(p), new StatusFeedPort() {
            @Override
            public void polled(StatusFeedSource source, StatusFeed feed) {
            }

            @Override
            public void failed(StatusFeedSource source, String reason) {
                told.incrementAndGet();
                throw new IllegalStateException("the platform is stopping");
            }
        }));
        camel.start();
        long end = System.nanoTime() + 20_000_000_000L;
        while (told.get() < 2 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(told).as("polls told to the port").hasValueGreaterThanOrEqualTo(2);
        assertThat(failedExchanges).as("exchanges Camel ended as failed").hasValue(0);
    }

    @Test
    void aBadFeedConfigurationIsRefusedNamingTheKey() {
        Properties p = new Properties();
        p.setProperty("feed.status.c.url", "ftp://example.net/feed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StatusFeedSource.from(p))
                .hasMessage("feed.status.c.url: 'ftp://example.net/feed' is not an http(s) URL");
        p.setProperty("feed.status.c.url", "https://status.example.net/history.rss");
        p.setProperty("feed.status.c.interval", "soon");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StatusFeedSource.from(p))
                .hasMessage("feed.status.c.interval: 'soon' is not like 60s, 5m or 1h");
    }
}
