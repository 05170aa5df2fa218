package io.trunkline.camel.cdr;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@value #ENDPOINT}: a batch of records pushed over HTTP, in its source's format, saved to a file by the
 * caller and taken like a dropped file (same chunks, counts, quarantine, idempotency). Headers
 * {@value #SOURCE} and {@value #NAME}; the body is the file's {@link Path}; the reply is the
 * {@link CdrPort.Outcome}. A batch that cannot be read fails the exchange with the reason.
 */
public class CdrPushRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:cdr-push";
    public static final String ROUTE_ID = "cdr-push";
    public static final String SOURCE = "trunklineSource";
    public static final String NAME = "trunklineFileName";

    private final Map<String, CdrSource> sources;
    private final CdrFileReader reader;

    public CdrPushRoute(Map<String, CdrSource> sources, CdrFileReader reader) {
        this.sources = Map.copyOf(sources);
        this.reader = reader;
    }

    @Override
    public void configure() {
        // The caller answers the pusher with the failure; the route need not log it as well.
        errorHandler(noErrorHandler());
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    String id = exchange.getIn().getHeader(SOURCE, String.class);
                    CdrSource source = sources.get(id);
                    if (source == null) {
                        throw new IllegalArgumentException("no CDR source '" + id + "'");
                    }
                    Path file = exchange.getIn().getBody(Path.class);
                    String name = exchange.getIn().getHeader(NAME, String.class);
                    exchange.getMessage().setBody(reader.read(source, name, file, () -> false));
                });
    }
}
