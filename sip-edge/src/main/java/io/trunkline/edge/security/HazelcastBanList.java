package io.trunkline.edge.security;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.contract.edge.SourceBan;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bans in the cluster map {@link EdgeCluster#SOURCE_BANS_MAP} (source address → {@link SourceBan} JSON), each
 * entry's time to live its ban's length, so a ban ends on its own everywhere. Every node keeps a local copy fed
 * by an entry listener (an event per change, delivered to every member in milliseconds), so the check a flood
 * makes per request is a hash lookup, and a lift (the platform deleting the entry) reaches every node the same way.
 */
public final class HazelcastBanList implements BanList, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastBanList.class);

    private final IMap<String, String> map;
    private final Map<String, SourceBan> local = new ConcurrentHashMap<>();
    private final java.util.UUID listener;
    private final String node;

    public HazelcastBanList(HazelcastInstance hazelcast, String node) {
        this.node = node;
        this.map = hazelcast.getMap(EdgeCluster.SOURCE_BANS_MAP);
        this.listener = map.addEntryListener(new Changes(), true);
        // Bans made before this node joined: read once, after the listener is in place so none is missed.
        map.forEach((source, json) -> remember(source, json));
    }

    @Override
    public SourceBan find(String source, long nowMs) {
        SourceBan ban = local.get(source);
        if (ban == null) {
            return null;
        }
        // The entry may outlive its ban by the time its expiry event takes to arrive.
        return ban.until().toEpochMilli() > nowMs ? ban : null;
    }

    @Override
    public boolean ban(SourceBan ban) {
        long now = ban.bannedAt().toEpochMilli();
        boolean[] fresh = {false};
        local.compute(ban.source(), (k, held) -> {
            if (held != null && held.until().toEpochMilli() > now) {
                return held;
            }
            fresh[0] = true;
            return ban;
        });
        if (fresh[0]) {
            // Asynchronous: the request thread that tripped the ban does not wait for the cluster.
            map.setAsync(ban.source(), ban.toJson(), ban.seconds(), TimeUnit.SECONDS);
        }
        return fresh[0];
    }

    /** Bans held by this node's view. */
    public int size() {
        return local.size();
    }

    @Override
    public void close() {
        map.removeEntryListener(listener);
    }

    private void remember(String source, String json) {
        try {
            SourceBan ban = SourceBan.fromJson(json);
            if (local.put(source, ban) == null && !node.equals(ban.node())) {
                // How long a ban takes to reach this node: the defence promises every node within a second.
                LOG.info("ban of {} by {} in force here {} ms after it was made (rule {})", source, ban.node(),
                        System.currentTimeMillis() - ban.bannedAt().toEpochMilli(), ban.rule());
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("ban of {} in the cluster is unreadable, ignored: {}", source, e.getMessage());
        }
    }

    private final class Changes implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
            EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
            EntryEvictedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            remember(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            remember(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            local.remove(event.getKey());
            LOG.info("ban of {} lifted", event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, String> event) {
            local.remove(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, String> event) {
            local.remove(event.getKey());
        }
    }
}
