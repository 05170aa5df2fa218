package io.trunkline.camel.billing;

import io.trunkline.camel.support.TrunklineRouteBuilder;

/**
 * Carrier rate decks dropped as CSV or XLSX files into the inbox {@code trunkline.inbox.ratedecks}: each file is
 * parsed whole and handed to the billing port; taken files move to {@code .done}, unreadable ones to
 * {@code .error} with their reason.
 */
public class RateDeckRoutes extends TrunklineRouteBuilder {

    public static final String ROUTE_ID = "rate-deck-files";
    public static final String INBOX_PROPERTY = "trunkline.inbox.ratedecks";

    private final RateDeckPort port;
    private final RateDeckCsvParser parser = new RateDeckCsvParser();

    public RateDeckRoutes(RateDeckPort port) {
        this.port = port;
    }

    @Override
    public void configure() {
        fileErrors(port::refuse);
        from(inbox(INBOX_PROPERTY, ".*\\.(csv|xlsx)"))
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    String name = exchange.getIn().getHeader("CamelFileNameOnly", String.class);
                    byte[] content = exchange.getIn().getBody(byte[].class);
                    port.accept(parser.parse(name, content));
                });
    }
}
