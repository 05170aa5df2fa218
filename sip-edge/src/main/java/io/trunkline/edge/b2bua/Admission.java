package io.trunkline.edge.b2bua;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.cluster.CallCounters;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.config.Peer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which calls the edge takes and how many at once: INVITEs only from configured PBXs and carriers (others are
 * refused and journaled as a security event), each PBX within its channel limit and each carrier trunk
 * within its own, counted across the cluster.
 */
public final class Admission {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    /** Which PBX or carrier sent a request, from its source address; null for a source that is neither. */
    @FunctionalInterface
    public interface PeerResolver {
        Peer peerFor(String ip, int port);
    }

    private final PeerResolver peers;
    private final CallCounters counters;
    private final Map<PbxId, Integer> pbxChannels;
    private final B2bua.CallRecords records;

    /**
     * @param pbxChannels channel limits per PBX ({@code pbx.<id>.max-channels}); a PBX not named has none
     */
    public Admission(PeerResolver peers, CallCounters counters, Map<PbxId, Integer> pbxChannels,
                     B2bua.CallRecords records) {
        this.peers = peers;
        this.counters = counters;
        this.pbxChannels = Map.copyOf(pbxChannels);
        this.records = records;
    }

    /** The PBX or carrier an INVITE came from on the wire; null, journaled as refused, for any other source. */
    Peer source(String ip, int port, String callId) {
        Peer peer = peers.peerFor(ip, port);
        if (peer == null) {
            LOG.warn("INVITE {} from {}:{} refused 403: not a configured PBX or carrier", callId, ip, port);
            try {
                records.rejected(ip + ":" + port, "INVITE", 403, "not a configured PBX or carrier");
            } catch (java.io.IOException | RuntimeException e) {
                LOG.error("rejection of {} not journaled: {}", callId, e.toString());
            }
        }
        return peer;
    }

    /** Takes one of a PBX's channels for the call; false when the PBX is at its limit. Other peers pass. */
    boolean holdPbxChannel(Call call) {
        if (!(call.peer instanceof Peer.Pbx pbx)) {
            return true;
        }
        // The PBX's own channel limit, counted across the cluster like the carriers'.
        int limit = pbxChannels.getOrDefault(pbx.id(), 0);
        ChannelKey key = ChannelKey.pbx(pbx.id());
        if (!counters.tryAcquire(key, limit)) {
            LOG.info("call {} from {} refused 503: the PBX is at its channel limit ({})", call.aCallId, pbx.id(), limit);
            return false;
        }
        call.heldPbx = key;
        return true;
    }

    /** Takes a channel on a route's trunk for the call's attempt; false when it is at {@code limit} (0: none). */
    boolean holdTrunkChannel(Call call, ChannelKey trunk, int limit) {
        if (!counters.tryAcquire(trunk, limit)) {
            return false;
        }
        call.heldCarrier = trunk;
        return true;
    }

    /** Gives back the channel the call's last attempt held. */
    void releaseTrunkChannel(Call call) {
        if (call.heldCarrier != null) {
            release(call, call.heldCarrier);
            call.heldCarrier = null;
        }
    }

    /** Gives back every channel the call holds, when it ends. */
    void releaseAll(Call call) {
        releaseTrunkChannel(call);
        if (call.heldPbx != null) {
            release(call, call.heldPbx);
            call.heldPbx = null;
        }
    }

    private void release(Call call, ChannelKey key) {
        try {
            counters.release(key);
        } catch (RuntimeException e) {
            LOG.warn("call {}: channel of {} not released: {}", call.aCallId, key, e.toString());
        }
    }
}
