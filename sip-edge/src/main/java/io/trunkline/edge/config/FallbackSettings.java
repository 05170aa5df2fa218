package io.trunkline.edge.config;

import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What the node routes by itself while the platform cannot decide: keys {@code fallback.routes},
 * {@code emergency.numbers}, {@code emergency.routes}.
 */
public record FallbackSettings(List<String> fallbackRoutes, Set<String> emergencyNumbers, List<String> emergencyRoutes) {

    public FallbackSettings {
        fallbackRoutes = List.copyOf(fallbackRoutes);
        emergencyNumbers = Set.copyOf(emergencyNumbers);
        emergencyRoutes = List.copyOf(emergencyRoutes);
    }

    static FallbackSettings from(Properties p) {
        return new FallbackSettings(Props.uris(p, "fallback.routes"),
                Set.copyOf(Props.csv(p.getProperty("emergency.numbers", "911,112,999"))), Props.uris(p, "emergency.routes"));
    }
}
