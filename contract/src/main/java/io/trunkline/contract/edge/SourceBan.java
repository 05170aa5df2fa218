package io.trunkline.contract.edge;

import io.trunkline.contract.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SIP source banned by an edge node's attack defence, as stored (JSON text) in the cluster map
 * {@link EdgeCluster#SOURCE_BANS_MAP} under the source's address and as the body of the node's SECURITY event.
 * Stored as text so the platform, a Hazelcast client without the edge's classes, reads it as it is.
 *
 * @param source   the banned address (an IP address)
 * @param reason   what the source did, in words
 * @param rule     the rule that fired: {@code rate}, {@code scanner}, {@code sweep}
 * @param node     the node that banned it
 * @param bannedAt when
 * @param until    when the ban ends (the map entry's time to live)
 */
public record SourceBan(String source, String reason, String rule, String node, Instant bannedAt, Instant until) {

    /** The {@code kind} of a SECURITY event that reports a ban. */
    public static final String BAN_EVENT = "ban";
    /** The {@code kind} of a SECURITY event that reports a configured peer over its request limit. */
    public static final String PEER_OVER_LIMIT_EVENT = "peer-over-limit";

    public SourceBan {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source ban: 'source' is required");
        }
        if (bannedAt == null || until == null || until.isBefore(bannedAt)) {
            throw new IllegalArgumentException("source ban: 'bannedAt' and a later 'until' are required");
        }
    }

    /** Seconds the ban lasts in all. */
    public long seconds() {
        return Math.max(1, until.getEpochSecond() - bannedAt.getEpochSecond());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", BAN_EVENT);
        m.put("source", source);
        m.put("reason", reason);
        m.put("rule", rule);
        m.put("node", node);
        m.put("bannedAt", bannedAt.toString());
        m.put("until", until.toString());
        m.put("seconds", seconds());
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    /** @throws IllegalArgumentException naming the field missing or malformed */
    public static SourceBan fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        return new SourceBan(text(m, "source"), text(m, "reason"), text(m, "rule"), text(m, "node"),
                instant(m, "bannedAt"), instant(m, "until"));
    }

    private static String text(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("source ban: '" + key + "' is required");
        }
        return s;
    }

    private static Instant instant(Map<String, Object> m, String key) {
        try {
            return Instant.parse(text(m, key));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("source ban: '" + key + "' is not an instant", e);
        }
    }
}
