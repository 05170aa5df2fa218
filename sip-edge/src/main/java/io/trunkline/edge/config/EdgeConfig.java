package io.trunkline.edge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The edge node's configuration, read from a properties file into one settings group per concern. Every key
 * has a default except {@code node.id}; an invalid value fails at start with the key named.
 */
public record EdgeConfig(String nodeId, SipSettings sip, ClusterSettings cluster, PlatformSettings platform,
                         FallbackSettings fallback, EventSettings events, ProbeSettings probes, PeerSettings peers,
                         OverloadSettings overload, SecuritySettings security, StirSettings stir,
                         TestCallSettings testCalls, MediaSettings media) {

    public static EdgeConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return from(p);
    }

    public static EdgeConfig from(Properties p) {
        String nodeId = Props.required(p, "node.id");
        SipSettings sip = SipSettings.from(p);
        ClusterSettings cluster = ClusterSettings.from(p);
        PlatformSettings platform = PlatformSettings.from(p, nodeId);
        FallbackSettings fallback = FallbackSettings.from(p);
        PeerSettings peers = PeerSettings.from(p);
        ProbeSettings probes = ProbeSettings.from(p);
        return new EdgeConfig(nodeId, sip, cluster, platform, fallback, EventSettings.from(p, platform), probes, peers,
                OverloadSettings.from(p), SecuritySettings.from(p), StirSettings.from(p), TestCallSettings.from(p),
                MediaSettings.from(p));
    }
}
