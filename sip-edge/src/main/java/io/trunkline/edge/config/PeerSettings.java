package io.trunkline.edge.config;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The PBXs and carriers the node serves: who they are by source address ({@code pbx.<id>.sources},
 * {@code carrier.<id>.sources}), each carrier's SIP profile ({@code carrier.<id>.*}) and each PBX's channel
 * limit ({@code pbx.<id>.max-channels}).
 */
public record PeerSettings(Map<String, Peer> bySource, Map<CarrierId, CarrierProfile> carriers,
                           Map<PbxId, Integer> pbxChannels) {

    public PeerSettings {
        bySource = Map.copyOf(bySource);
        carriers = Map.copyOf(carriers);
        pbxChannels = Map.copyOf(pbxChannels);
    }

    static PeerSettings from(Properties p) {
        Map<String, Peer> sources = new LinkedHashMap<>();
        Props.idsOf(p, "pbx.", ".sources").forEach((id, key) -> addSources(p, key, new Peer.Pbx(pbx(id, key)), sources));
        Props.idsOf(p, "carrier.", ".sources").forEach((id, key) ->
                addSources(p, key, new Peer.Carrier(carrier(id, key)), sources));
        Map<PbxId, Integer> channels = new LinkedHashMap<>();
        Props.idsOf(p, "pbx.", ".max-channels").forEach((id, key) -> channels.put(pbx(id, key), Props.positive(p, key, 0)));
        return new PeerSettings(sources, CarrierProfile.read(p), channels);
    }

    private static void addSources(Properties p, String key, Peer peer, Map<String, Peer> sources) {
        for (String source : Props.csv(p.getProperty(key))) {
            Peer before = sources.put(source, peer);
            if (before != null) {
                throw new IllegalArgumentException(key + ": source " + source + " is already " + kind(before) + " "
                        + before.name() + "'s");
            }
        }
    }

    private static String kind(Peer peer) {
        return peer instanceof Peer.Pbx ? "PBX" : "CARRIER";
    }

    static PbxId pbx(String id, String key) {
        try {
            return new PbxId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    static CarrierId carrier(String id, String key) {
        try {
            return new CarrierId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The configured carrier (with {@code carrier = true}) or PBX of this id: one named by any of its keys (sources, a
     * profile, a channel limit); empty for an id of neither form or not configured.
     */
    public java.util.Optional<Peer> named(String id, boolean carrier) {
        for (Peer peer : bySource.values()) {
            if (peer.name().equals(id) && (peer instanceof Peer.Carrier) == carrier) {
                return java.util.Optional.of(peer);
            }
        }
        try {
            if (carrier && carriers.containsKey(new CarrierId(id))) {
                return java.util.Optional.of(new Peer.Carrier(new CarrierId(id)));
            }
            if (!carrier && pbxChannels.containsKey(new PbxId(id))) {
                return java.util.Optional.of(new Peer.Pbx(new PbxId(id)));
            }
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** The PBX or carrier a request comes from, by {@code ip:port} first, then by {@code ip}; null for none. */
    public Peer peerFor(String ip, int port) {
        Peer byPort = bySource.get(ip + ":" + port);
        return byPort != null ? byPort : bySource.get(ip);
    }
}
