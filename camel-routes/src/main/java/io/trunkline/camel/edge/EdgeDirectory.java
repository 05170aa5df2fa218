package io.trunkline.camel.edge;

import java.util.Map;

/** Where the edge nodes are: node id to the node's SIP address ({@code host:port}), as of now. */
@FunctionalInterface
public interface EdgeDirectory {
    Map<String, String> nodes();
}
