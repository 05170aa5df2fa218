package io.trunkline.edge.cluster;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;

/**
 * What a channel counter counts: a carrier's trunk, a PBX's calls, or a route the decision names by its URI
 * only (a node's own fallback route). Carriers are counted under their id and PBXs under {@code pbx:<id>}, so a
 * carrier and a PBX of the same name never share a count.
 */
public record ChannelKey(String value) {

    public ChannelKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a channel key is required");
        }
    }

    public static ChannelKey carrier(CarrierId carrier) {
        return new ChannelKey(carrier.value());
    }

    public static ChannelKey pbx(PbxId pbx) {
        return new ChannelKey("pbx:" + pbx.value());
    }

    /** A route target that names no carrier (a fallback route's URI), counted as it is written. */
    public static ChannelKey uri(String routeUri) {
        return new ChannelKey(routeUri);
    }

    @Override
    public String toString() {
        return value;
    }
}
