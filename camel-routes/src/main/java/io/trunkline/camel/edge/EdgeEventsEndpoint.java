package io.trunkline.camel.edge;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** The edge nodes' event subscriptions as a consumer endpoint (there is nothing to produce to). */
public class EdgeEventsEndpoint extends DefaultEndpoint {

    /** Header on every exchange: the node that sent the batch. */
    public static final String NODE_HEADER = "TrunklineEdgeNode";
    /** Header the route may set: how many of the batch's events were new. */
    public static final String STORED_HEADER = "TrunklineEventsStored";

    private final EdgeEventSubscriber.Settings settings;
    private final EdgeDirectory directory;

    EdgeEventsEndpoint(String uri, EdgeEventsComponent component, EdgeEventSubscriber.Settings settings,
                       EdgeDirectory directory) {
        super(uri, component);
        this.settings = settings;
        this.directory = directory;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(EdgeEventsComponent.SCHEME + " endpoints only consume");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        EdgeEventsConsumer consumer = new EdgeEventsConsumer(this, processor, settings, directory);
        configureConsumer(consumer);
        return consumer;
    }
}
