package io.trunkline.camel.billing;

import io.trunkline.camel.support.TrunklineRouteBuilder;

/**
 * Carrier invoices dropped as CSV files into the inbox {@code trunkline.inbox.invoices} ({@link InvoiceCsvParser}'s
 * layout): parsed whole and handed to the billing port; taken files move to {@code .done}, unreadable ones to
 * {@code .error} with their reason.
 */
public class InvoiceRoutes extends TrunklineRouteBuilder {

    public static final String ROUTE_ID = "invoice-files";
    public static final String INBOX_PROPERTY = "trunkline.inbox.invoices";

    private final InvoicePort port;
    private final InvoiceCsvParser parser = new InvoiceCsvParser();

    public InvoiceRoutes(InvoicePort port) {
        this.port = port;
    }

    @Override
    public void configure() {
        fileErrors(port::refuse);
        from(inbox(INBOX_PROPERTY, ".*\\.csv"))
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    String name = exchange.getIn().getHeader("CamelFileNameOnly", String.class);
                    port.accept(parser.parse(name, exchange.getIn().getBody(byte[].class)));
                });
    }
}
