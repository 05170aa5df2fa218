package io.trunkline.camel.edge;

import io.trunkline.camel.support.TrunklineRouteBuilder;
import io.trunkline.contract.events.EdgeEvents;

/**
 * The edge nodes' events (call records, trunk state changes, security rejections) into the platform: the
 * {@code edge-events} consumer subscribes to every node and hands each NOTIFY's batch here; the batch is
 * answered 2xx only once the port has committed it.
 */
public class EdgeEventRoutes extends TrunklineRouteBuilder {

    public static final String ROUTE_ID = "edge-events";
    public static final String LISTEN_PROPERTY = "trunkline.events.sip";

    private final EdgeEventPort port;

    public EdgeEventRoutes(EdgeEventPort port) {
        this.port = port;
    }

    @Override
    public void configure() {
        // A batch that cannot be stored is answered 500 and sent again by the node: logged once by the
        // consumer, with no stack trace per retry.
        onException(Exception.class).handled(false).logExhausted(false);
        from("edge-events:cluster?listen={{" + LISTEN_PROPERTY + "}}")
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    EdgeEvents.Batch batch = exchange.getIn().getBody(EdgeEvents.Batch.class);
                    exchange.getIn().setHeader(EdgeEventsEndpoint.STORED_HEADER, port.store(batch));
                });
    }
}
