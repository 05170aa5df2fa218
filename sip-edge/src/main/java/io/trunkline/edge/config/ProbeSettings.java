package io.trunkline.edge.config;

import io.trunkline.contract.telecom.CarrierId;
import java.util.Map;
import java.util.Properties;

/**
 * OPTIONS probes of the carriers' trunks: keys {@code carrier.<id>.probe-uri}, {@code trunk.probe-interval-ms},
 * {@code trunk.probe-timeout-ms}, {@code trunk.down-after}, {@code trunk.up-after}.
 *
 * @param uris carrier id to the URI its trunk is probed with
 */
public record ProbeSettings(Map<CarrierId, String> uris, int intervalMs, int timeoutMs, int downAfter, int upAfter) {

    public ProbeSettings {
        uris = Map.copyOf(uris);
    }

    static ProbeSettings from(Properties p) {
        Map<CarrierId, String> uris = new java.util.LinkedHashMap<>();
        Props.idsOf(p, "carrier.", ".probe-uri").forEach((id, key) -> {
            String uri = p.getProperty(key).trim();
            if (!uri.startsWith("sip:")) {
                throw new IllegalArgumentException(key + ": '" + uri + "' is not a sip: URI");
            }
            uris.put(PeerSettings.carrier(id, key), uri);
        });
        return new ProbeSettings(uris, Props.positive(p, "trunk.probe-interval-ms", 5000),
                Props.positive(p, "trunk.probe-timeout-ms", 1000), Props.positive(p, "trunk.down-after", 3),
                Props.positive(p, "trunk.up-after", 2));
    }
}
