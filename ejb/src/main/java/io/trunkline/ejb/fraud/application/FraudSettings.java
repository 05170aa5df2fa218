package io.trunkline.ejb.fraud.application;

/**
 * The fraud context's settings, from the server's system properties: {@code trunkline.fraud.flush-ms} (how often
 * the counters are copied to the edge cluster, 20), {@code trunkline.fraud.short-call-seconds} (an answered call
 * shorter than this is short, 10), {@code trunkline.fraud.max-call-seconds} (a call whose end is never reported
 * stops counting as concurrent after this, 14,400), {@code trunkline.fraud.escalate-after-seconds} (fraud alerts
 * escalate when unacknowledged this long, 900; 0 never), {@code trunkline.fraud.screening} ({@code off} leaves calls
 * unscreened: for measuring what screening costs, and for an emergency by ops; on by default).
 */
public record FraudSettings(long flushMs, int shortCallSeconds, long maxCallSeconds, long keepSeconds,
                            int maxLocalSubjects, Integer escalateAfterSeconds, boolean screening) {

    public static FraudSettings fromSystemProperties() {
        int escalate = positive("trunkline.fraud.escalate-after-seconds", 900);
        return new FraudSettings(positive("trunkline.fraud.flush-ms", 100), positive("trunkline.fraud.short-call-seconds", 10),
                positive("trunkline.fraud.max-call-seconds", 14_400), 120, 50_000, escalate == 0 ? null : escalate,
                !"off".equalsIgnoreCase(System.getProperty("trunkline.fraud.screening", "on").trim()));
    }

    private static int positive(String key, int fallback) {
        String text = System.getProperty(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of 0 or more, got '" + text + "'");
        }
    }
}
