package io.trunkline.camel.edge;

import io.trunkline.contract.events.EdgeEvents;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Runs the subscriber while the route runs; each NOTIFY's batch goes through the route on the SIP thread
 * that received it, and the NOTIFY is answered 200 only if the route completed without an exception.
 */
public class EdgeEventsConsumer extends DefaultConsumer {

    private final EdgeEventSubscriber.Settings settings;
    private final EdgeDirectory directory;
    private volatile EdgeEventSubscriber subscriber;

    EdgeEventsConsumer(EdgeEventsEndpoint endpoint, Processor processor, EdgeEventSubscriber.Settings settings,
                       EdgeDirectory directory) {
        super(endpoint, processor);
        this.settings = settings;
        this.directory = directory;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        subscriber = EdgeEventSubscriber.start(settings, directory, this::deliver);
    }

    @Override
    protected void doStop() throws Exception {
        EdgeEventSubscriber s = subscriber;
        subscriber = null;
        if (s != null) {
            s.close();
        }
        super.doStop();
    }

    private void deliver(EdgeEvents.Batch batch) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(batch);
            exchange.getIn().setHeader(EdgeEventsEndpoint.NODE_HEADER, batch.node());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Node id to its subscription's state, for health reports. */
    public Map<String, EdgeEventSubscriber.State> subscriptions() {
        EdgeEventSubscriber s = subscriber;
        return s == null ? Map.of() : s.states();
    }
}
