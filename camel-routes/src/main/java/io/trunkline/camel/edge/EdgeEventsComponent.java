package io.trunkline.camel.edge;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code edge-events:<name>?listen=host:port&heartbeat=5000&expires=600}: a consumer that subscribes to the
 * {@link io.trunkline.contract.events.EdgeEvents} package of every edge node the {@link EdgeDirectory}
 * names, on JAIN-SIP. Written for the platform because camel-sip 3.14.9's subscriber neither re-subscribes
 * nor lets a route decide the answer to a NOTIFY (see the README).
 */
public class EdgeEventsComponent extends DefaultComponent {

    public static final String SCHEME = "edge-events";

    private final EdgeDirectory directory;

    public EdgeEventsComponent(EdgeDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String listen = getAndRemoveParameter(parameters, "listen", String.class, "127.0.0.1:5090");
        long heartbeat = getAndRemoveParameter(parameters, "heartbeat", Long.class, 5_000L);
        int expires = getAndRemoveParameter(parameters, "expires", Integer.class, 600);
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(SCHEME + ": listen '" + listen + "' is not host:port");
        }
        EdgeEventSubscriber.Settings settings = new EdgeEventSubscriber.Settings(listen.substring(0, colon),
                Integer.parseInt(listen.substring(colon + 1)), heartbeat, expires);
        return new EdgeEventsEndpoint(uri, this, settings, directory);
    }
}
