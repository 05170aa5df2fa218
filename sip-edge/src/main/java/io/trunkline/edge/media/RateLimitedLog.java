package io.trunkline.edge.media;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * A warning logged at most once per period for each cause: a relay that is down fails every call's media set-up,
 * and the log should say so once a minute, not once a call.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long periodNanos;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    RateLimitedLog(Logger log, Duration period) {
        this.log = log;
        this.periodNanos = period.toNanos();
    }

    /** Logs {@code message} unless {@code cause} was logged within the period; true when it was logged. */
    boolean warn(String cause, String message, Object... args) {
        long now = System.nanoTime();
        boolean[] due = new boolean[1];
        last.compute(cause, (k, previous) -> {
            due[0] = previous == null || now - previous >= periodNanos;
            return due[0] ? now : previous;
        });
        if (due[0]) {
            log.warn(message, args);
        }
        return due[0];
    }
}
