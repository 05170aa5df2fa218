package io.trunkline.edge.config;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The node's defence against floods and scanners (keys {@code security.*}, see the module README): per-source
 * request limits over a sliding window (like Kamailio {@code pike}), one for unknown sources and a higher one for
 * configured PBXs and carriers, the ban length, the scanner User-Agents, the sweep threshold and what unknown and
 * banned sources are answered.
 */
public record SecuritySettings(boolean enabled, int windowMs, int sourceLimit, int peerLimit, int banSeconds,
                               List<String> scannerAgents, int sweepWindowMs, int sweepUsers, Answer unknownSources,
                               Answer bannedSources, int peerRetryAfterSeconds) {

    /** What a refused request gets: a stateless 403, or nothing at all. */
    public enum Answer { FORBID, DROP }

    /** User-Agents of SIP scanners and attack tools seen in the wild (SIPVicious, sipcli, SIPScan, iWar...). */
    public static final List<String> DEFAULT_SCANNERS = List.of("friendly-scanner", "sipvicious", "sipcli",
            "VaxSIPUserAgent", "sundayddr", "iWar", "SIPScan", "sip-scan", "smap", "SIPptk", "PortSIP VoIP SDK",
            "pplsip", "Ozeki", "sipsak");

    public SecuritySettings {
        scannerAgents = List.copyOf(scannerAgents);
    }

    static SecuritySettings from(Properties p) {
        String enabled = Props.text(p, "security.enabled", "true").toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException("security.enabled must be true or false, was " + enabled);
        }
        String scanners = p.getProperty("security.scanner-agents");
        return new SecuritySettings(Boolean.parseBoolean(enabled),
                Props.positive(p, "security.window-ms", 2_000),
                Props.positive(p, "security.source-limit", 60),
                Props.positive(p, "security.peer-limit", 6_000),
                Props.positive(p, "security.ban-seconds", 600),
                scanners == null ? DEFAULT_SCANNERS : Props.csv(scanners),
                Props.positive(p, "security.sweep.window-ms", 10_000),
                Props.positive(p, "security.sweep.users", 10),
                answer(p, "security.unknown-sources", "403"),
                answer(p, "security.banned-sources", "drop"),
                Props.positive(p, "security.peer-retry-after", 5));
    }

    private static Answer answer(Properties p, String key, String dflt) {
        String v = Props.text(p, key, dflt).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "403" -> Answer.FORBID;
            case "drop" -> Answer.DROP;
            default -> throw new IllegalArgumentException(key + " must be 403 or drop, was " + v);
        };
    }
}
