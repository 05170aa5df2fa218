package io.trunkline.edge.transport;

import java.util.Locale;

/** Where the node listens for one transport: the address and port it puts in Via and Contact. */
public record LocalPoint(String address, int port, String transport) {

    public LocalPoint {
        transport = transport.toLowerCase(Locale.ROOT);
    }
}
