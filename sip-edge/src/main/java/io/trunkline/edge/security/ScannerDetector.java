package io.trunkline.edge.security;

import java.util.List;
import java.util.Locale;

/**
 * Recognises the User-Agent of a SIP scanner or attack tool (SIPVicious' {@code friendly-scanner}, sipcli,
 * SIPScan...): such a source is banned on its first request. Matching is by case-insensitive substring, as the
 * tools append versions and platforms.
 */
public final class ScannerDetector {

    private final List<String> agents;

    public ScannerDetector(List<String> agents) {
        this.agents = agents.stream().filter(a -> !a.isBlank()).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** The configured agent {@code userAgent} matches, or null. */
    public String match(String userAgent) {
        if (userAgent == null || userAgent.isEmpty() || agents.isEmpty()) {
            return null;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String a : agents) {
            if (ua.contains(a)) {
                return a;
            }
        }
        return null;
    }
}
