package io.trunkline.edge.config;

import io.trunkline.contract.edge.EdgeCluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The edge node's configuration, read from a properties file. Every key has a default except
 * {@code node.id}; an invalid value fails at start with the key named.
 */
public final class EdgeConfig {

    private static final Set<String> TRANSPORTS = Set.of("udp", "tcp", "tls");
    private static final Set<String> CLIENT_AUTH = Set.of("Enabled", "Want", "Disabled");

    private final String nodeId;
    private final String sipAddress;
    private final int sipPort;
    private final List<String> sipTransports;
    private final int maxMessageSize;
    private final int sipThreads;
    private final String clusterName;
    private final String clusterAddress;
    private final int clusterPort;
    private final List<String> clusterMembers;
    private final String platformUrl;
    private final String platformUser;
    private final String platformPassword;
    private final int platformTimeoutMs;
    private final List<String> fallbackRoutes;
    private final List<String> emergencyRoutes;
    private final Set<String> emergencyNumbers;
    private final java.util.Map<String, Peer> peerBySource;
    private final Path journalDir;
    private final java.util.Map<String, CarrierProfile> carrierProfiles;
    private final java.util.Map<String, String> probeUris;
    private final int probeIntervalMs;
    private final int probeTimeoutMs;
    private final int downAfter;
    private final int upAfter;
    private final Set<String> eventSubscribers;
    private final java.util.Map<String, Integer> pbxChannels;
    private final int tlsPort;
    private final Path tlsKeystore;
    private final String tlsKeystorePassword;
    private final Path tlsTruststore;
    private final String tlsTruststorePassword;
    private final String tlsClientAuth;
    private final int eventBatch;
    private final int eventBatchBytes;

    private EdgeConfig(Properties p) {
        this.nodeId = required(p, "node.id");
        this.sipAddress = p.getProperty("sip.address", "127.0.0.1").trim();
        this.sipPort = port(p, "sip.port", 5060);
        this.sipTransports = transports(p.getProperty("sip.transports", "udp,tcp"));
        // The stack gives every received datagram a buffer of this size until a worker has parsed it: 16 KB
        // leaves room for the largest SDP while a backlog at peak load cannot pin 64 KB per queued packet.
        this.maxMessageSize = positive(p, "sip.max-message-size", 16_384);
        this.sipThreads = positive(p, "sip.threads", 8);
        this.clusterName = p.getProperty("cluster.name", EdgeCluster.DEFAULT_CLUSTER_NAME).trim();
        this.clusterAddress = p.getProperty("cluster.address", "127.0.0.1").trim();
        this.clusterPort = port(p, "cluster.port", 5701);
        try {
            this.clusterMembers = EdgeCluster.parseMembers(p.getProperty("cluster.members", clusterAddress + ":" + clusterPort));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster.members: " + e.getMessage(), e);
        }
        this.platformUrl = p.getProperty("platform.url", "http://127.0.0.1:8080").trim();
        this.platformUser = p.getProperty("platform.user", nodeId).trim();
        this.platformPassword = p.getProperty("platform.password", nodeId);
        this.platformTimeoutMs = positive(p, "platform.timeout-ms", 250);
        this.fallbackRoutes = uris(p, "fallback.routes");
        this.emergencyRoutes = uris(p, "emergency.routes");
        this.emergencyNumbers = Set.copyOf(csv(p.getProperty("emergency.numbers", "911,112,999")));
        java.util.Map<String, Peer> sources = new java.util.LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            Peer.Kind kind = key.startsWith("pbx.") ? Peer.Kind.PBX : key.startsWith("carrier.") ? Peer.Kind.CARRIER : null;
            if (kind != null && key.endsWith(".sources")) {
                String id = key.substring(key.indexOf('.') + 1, key.length() - ".sources".length());
                for (String source : csv(p.getProperty(key))) {
                    Peer before = sources.put(source, new Peer(kind, id));
                    if (before != null) {
                        throw new IllegalArgumentException(key + ": source " + source + " is already " + before.kind()
                                + " " + before.id() + "'s");
                    }
                }
            }
        }
        this.peerBySource = java.util.Map.copyOf(sources);
        this.journalDir = Path.of(p.getProperty("journal.dir", "journal").trim());
        this.carrierProfiles = CarrierProfile.read(p);
        java.util.Map<String, String> probes = new java.util.TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("carrier.") && key.endsWith(".probe-uri")) {
                String uri = p.getProperty(key).trim();
                if (!uri.startsWith("sip:")) {
                    throw new IllegalArgumentException(key + ": '" + uri + "' is not a sip: URI");
                }
                probes.put(key.substring(8, key.length() - ".probe-uri".length()), uri);
            }
        }
        this.probeUris = java.util.Map.copyOf(probes);
        this.probeIntervalMs = positive(p, "trunk.probe-interval-ms", 5000);
        this.probeTimeoutMs = positive(p, "trunk.probe-timeout-ms", 1000);
        this.downAfter = positive(p, "trunk.down-after", 3);
        this.upAfter = positive(p, "trunk.up-after", 2);
        // SIP over TLS (RFC 3261 §26.2): its own port; the node's certificate, and the CAs it trusts for
        // carriers and PBXs (by default the same store).
        this.tlsPort = port(p, "sip.tls-port", sipPort + 1);
        String keystore = p.getProperty("sip.tls.keystore", "").trim();
        if (sipTransports.contains("tls") && keystore.isEmpty()) {
            throw new IllegalArgumentException("sip.tls.keystore is required when sip.transports has tls");
        }
        this.tlsKeystore = keystore.isEmpty() ? null : Path.of(keystore);
        if (tlsKeystore != null && !java.nio.file.Files.isReadable(tlsKeystore)) {
            throw new IllegalArgumentException("sip.tls.keystore: " + keystore + " is not a readable file");
        }
        this.tlsKeystorePassword = p.getProperty("sip.tls.keystore-password", "");
        String truststore = p.getProperty("sip.tls.truststore", keystore).trim();
        this.tlsTruststore = truststore.isEmpty() ? null : Path.of(truststore);
        this.tlsTruststorePassword = p.getProperty("sip.tls.truststore-password", tlsKeystorePassword);
        this.tlsClientAuth = p.getProperty("sip.tls.client-auth", "Disabled").trim();
        if (!CLIENT_AUTH.contains(tlsClientAuth)) {
            throw new IllegalArgumentException("sip.tls.client-auth: '" + tlsClientAuth + "' is not one of " + CLIENT_AUTH);
        }
        java.util.Map<String, Integer> channels = new java.util.TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("pbx.") && key.endsWith(".max-channels")) {
                channels.put(key.substring(4, key.length() - ".max-channels".length()), positive(p, key, 0));
            }
        }
        this.pbxChannels = java.util.Map.copyOf(channels);
        // Who may subscribe to the node's events: by default the platform's own host.
        this.eventSubscribers = Set.copyOf(csv(p.getProperty("events.subscribers", hostOf(platformUrl))));
        this.eventBatch = positive(p, "events.batch", 100);
        this.eventBatchBytes = positive(p, "events.batch-bytes", 48_000);
    }

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "127.0.0.1" : java.net.InetAddress.getByName(host).getHostAddress();
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new IllegalArgumentException("platform.url: '" + url + "' has no resolvable host", e);
        }
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** The node's TLS key store, or null without TLS. */
    public Path tlsKeystore() {
        return tlsKeystore;
    }

    public String tlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    public Path tlsTruststore() {
        return tlsTruststore;
    }

    public String tlsTruststorePassword() {
        return tlsTruststorePassword;
    }

    /** Whether TLS peers must present a certificate: Enabled, Want or Disabled. */
    public String tlsClientAuth() {
        return tlsClientAuth;
    }

    /** PBX id to the most calls it may have at once across the cluster ({@code pbx.<id>.max-channels}). */
    public java.util.Map<String, Integer> pbxChannels() {
        return pbxChannels;
    }

    public Set<String> eventSubscribers() {
        return eventSubscribers;
    }

    public int eventBatch() {
        return eventBatch;
    }

    public int eventBatchBytes() {
        return eventBatchBytes;
    }

    private static List<String> csv(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    private static List<String> uris(Properties p, String key) {
        List<String> out = csv(p.getProperty(key));
        for (String uri : out) {
            if (!uri.startsWith("sip:") && !uri.startsWith("sips:")) {
                throw new IllegalArgumentException(key + ": '" + uri + "' is not a sip: URI");
            }
        }
        return List.copyOf(out);
    }

    public static EdgeConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return from(p);
    }

    public static EdgeConfig from(Properties p) {
        return new EdgeConfig(p);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return v.trim();
    }

    private static int positive(Properties p, String key, int dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new IllegalArgumentException(key + " must be positive, was " + v.trim());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + v.trim() + "'", e);
        }
    }

    private static int port(Properties p, String key, int dflt) {
        int n = positive(p, key, dflt);
        if (n > 65535) {
            throw new IllegalArgumentException(key + " must be a port in 1..65535, was " + n);
        }
        return n;
    }

    private static List<String> transports(String csv) {
        List<String> out = new ArrayList<>();
        for (String t : csv.split(",")) {
            String name = t.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!TRANSPORTS.contains(name)) {
                throw new IllegalArgumentException("sip.transports: unknown transport '" + name + "' (known: udp, tcp, tls)");
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("sip.transports: at least one transport is required");
        }
        return List.copyOf(out);
    }

    public String nodeId() {
        return nodeId;
    }

    public String sipAddress() {
        return sipAddress;
    }

    public int sipPort() {
        return sipPort;
    }

    public List<String> sipTransports() {
        return sipTransports;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    public int sipThreads() {
        return sipThreads;
    }

    public String clusterName() {
        return clusterName;
    }

    public String clusterAddress() {
        return clusterAddress;
    }

    public int clusterPort() {
        return clusterPort;
    }

    public List<String> clusterMembers() {
        return clusterMembers;
    }

    public String platformUrl() {
        return platformUrl;
    }

    public String platformUser() {
        return platformUser;
    }

    public String platformPassword() {
        return platformPassword;
    }

    public int platformTimeoutMs() {
        return platformTimeoutMs;
    }

    public List<String> fallbackRoutes() {
        return fallbackRoutes;
    }

    public List<String> emergencyRoutes() {
        return emergencyRoutes;
    }

    public Set<String> emergencyNumbers() {
        return emergencyNumbers;
    }

    /** Each configured carrier's SIP profile by carrier id (the decision's route target). */
    public java.util.Map<String, CarrierProfile> carrierProfiles() {
        return carrierProfiles;
    }

    /** Carrier id to the URI its trunk is probed with (OPTIONS). */
    public java.util.Map<String, String> probeUris() {
        return probeUris;
    }

    public int probeIntervalMs() {
        return probeIntervalMs;
    }

    public int probeTimeoutMs() {
        return probeTimeoutMs;
    }

    public int downAfter() {
        return downAfter;
    }

    public int upAfter() {
        return upAfter;
    }

    /** Where the node's journal of call records lives. */
    public Path journalDir() {
        return journalDir;
    }

    /** The PBX or carrier a request comes from, by {@code ip:port} first, then by {@code ip}; null for none. */
    public Peer peerFor(String ip, int port) {
        Peer byPort = peerBySource.get(ip + ":" + port);
        return byPort != null ? byPort : peerBySource.get(ip);
    }
}
