package io.trunkline.edge.config;

import java.util.Properties;

/**
 * The platform that decides calls: keys {@code platform.url}, {@code platform.user} and {@code platform.password}
 * (the node's account, by default its id), {@code platform.timeout-ms}.
 */
public record PlatformSettings(String url, String user, String password, int timeoutMs) {

    static PlatformSettings from(Properties p, String nodeId) {
        return new PlatformSettings(Props.text(p, "platform.url", "http://127.0.0.1:8080"),
                Props.text(p, "platform.user", nodeId), p.getProperty("platform.password", nodeId),
                Props.positive(p, "platform.timeout-ms", 250));
    }

    /** The platform's host as an address, the one source allowed to subscribe to events by default. */
    String hostAddress() {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "127.0.0.1" : java.net.InetAddress.getByName(host).getHostAddress();
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new IllegalArgumentException("platform.url: '" + url + "' has no resolvable host", e);
        }
    }
}
