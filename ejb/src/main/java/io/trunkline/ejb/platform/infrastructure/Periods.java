package io.trunkline.ejb.platform.infrastructure;

/**
 * How often the platform's periodic work runs, from the server's system properties: whole seconds from 1 to 3,600.
 * A value that does not read stops the deployment naming the property, rather than running the work at a period
 * nobody asked for.
 */
public final class Periods {

    static final int MAX_SECONDS = 3_600;

    private Periods() {
    }

    /** The period set by {@code key} in milliseconds, or {@code defaultSeconds} when it is not set. */
    public static long millis(String key, int defaultSeconds) {
        return millis(key, System.getProperty(key), defaultSeconds);
    }

    static long millis(String key, String text, int defaultSeconds) {
        if (text == null || text.isBlank()) {
            return defaultSeconds * 1_000L;
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= 1 && seconds <= MAX_SECONDS) {
                return seconds * 1_000L;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(key + " must be whole seconds from 1 to " + MAX_SECONDS + ", got '" + text + "'");
    }
}
