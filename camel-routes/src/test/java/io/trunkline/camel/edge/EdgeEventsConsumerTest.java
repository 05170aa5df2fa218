package io.trunkline.camel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.edge.cdr.Journal;
import io.trunkline.edge.config.EdgeConfig;
import io.trunkline.edge.events.EventNotifier;
import io.trunkline.edge.transport.SipTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge-events consumer against the edge's real notifier over SIP on this machine: every journaled event
 * arrives once in the route even when the route fails a batch, and the consumer subscribes again on its own
 * when the node restarts, which then sends what it had not delivered.
 */
class EdgeEventsConsumerTest {

    private static final int EDGE_PORT = 17810;
    private static final int PLATFORM_PORT = 17811;

    @TempDir
    Path dir;

    @Test
    void everyEventArrivesOnceThroughFailuresAndANodeRestart() throws Exception {
        Map<String, Integer> stored = new ConcurrentHashMap<>();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger failuresToInject = new AtomicInteger(2);
        Path journalFile = dir.resolve("t-edge.journal");

        Node first = Node.start(journalFile);
        Node node = first;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(EdgeEventsComponent.SCHEME,
                    new EdgeEventsComponent(() -> Map.of("t-edge", "127.0.0.1:" + EDGE_PORT)));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("edge-events:test?listen=127.0.0.1:" + PLATFORM_PORT + "&heartbeat=500&expires=120")
                            .process(exchange -> {
                                EdgeEvents.Batch batch = exchange.getIn().getBody(EdgeEvents.Batch.class);
                                assertThat(exchange.getIn().getHeader(EdgeEventsEndpoint.NODE_HEADER)).isEqualTo("t-edge");
                                batches.incrementAndGet();
                                if (failuresToInject.getAndDecrement() > 0) {
                                    throw new IllegalStateException("database unavailable");
                                }
                                for (EdgeEvents.Event e : batch.events()) {
                                    stored.merge(e.id(), 1, Integer::sum);
                                }
                            });
                }
            });
            camel.start();

            for (int i = 0; i < 1500; i++) {
                first.journal.append(EdgeEvents.CALL, "{\"callId\":\"c" + i + "\",\"releaseCode\":200}");
            }
            await(() -> stored.size() == 1500 && first.journal.pendingCount() == 0);
            assertThat(batches.get()).as("batches of 100, the first two refused and sent again").isGreaterThanOrEqualTo(15 + 2);

            // The node goes away with events still to send, and comes back with its journal.
            node.close();
            for (int i = 0; i < 3; i++) {
                try (Journal offline = Journal.open(journalFile)) {
                    offline.append(EdgeEvents.TRUNK, "{\"trunk\":\"carrier-a\",\"up\":" + (i % 2 == 0) + "}");
                }
            }
            node = Node.start(journalFile);
            assertThat(node.journal.pendingCount()).isEqualTo(3);
            Node restarted = node;
            await(() -> stored.size() == 1503 && restarted.journal.pendingCount() == 0);
        } finally {
            node.close();
        }
        assertThat(stored.values()).as("no event stored twice").containsOnly(1);
        assertThat(stored).containsKey(EdgeEvents.eventId("t-edge", Journal.open(journalFile).id(), 1503));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The notifier half of an edge node: its transport, journal and event notifier. */
    private record Node(SipTransport sip, Journal journal, EventNotifier notifier) implements AutoCloseable {

        static Node start(Path journalFile) throws Exception {
            Properties p = new Properties();
            p.setProperty("node.id", "t-edge");
            p.setProperty("sip.port", Integer.toString(EDGE_PORT));
            p.setProperty("sip.transports", "tcp,udp");
            p.setProperty("platform.url", "http://127.0.0.1:8080");
            p.setProperty("events.batch", "100");
            EdgeConfig config = EdgeConfig.from(p);
            SipTransport sip = SipTransport.bind(config);
            Journal journal = Journal.open(journalFile);
            EventNotifier notifier = new EventNotifier(sip, journal, "t-edge", Set.of("127.0.0.1"), 100, 48_000,
                    config.events().lingerMs());
            sip.listen(new SipListener() {
                @Override
                public void processRequest(RequestEvent event) {
                    try {
                        notifier.onSubscribe(event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void processResponse(ResponseEvent event) {
                    notifier.onResponse(event);
                }

                @Override
                public void processTimeout(TimeoutEvent event) {
                    notifier.onTimeout(event);
                }

                @Override
                public void processIOException(IOExceptionEvent event) {
                }

                @Override
                public void processTransactionTerminated(TransactionTerminatedEvent event) {
                }

                @Override
                public void processDialogTerminated(DialogTerminatedEvent event) {
                }
            });
            notifier.start();
            return new Node(sip, journal, notifier);
        }

        @Override
        public void close() throws Exception {
            notifier.close();
            sip.close();
            journal.close();
        }
    }
}
