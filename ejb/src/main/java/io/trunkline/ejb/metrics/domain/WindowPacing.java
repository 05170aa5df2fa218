package io.trunkline.ejb.metrics.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often the windows still filling up are recomputed. A window is recomputed from all its calls, so recomputing
 * the current one on every tick costs more the more calls it holds (at 1,000 calls/s a 5-minute window holds
 * 300,000): a window still open (ending less than one window's length ago: calls of it are still ending and being
 * stored) is recomputed again only after {@code (100 / budgetPercent − 1)} times its last recompute's duration, so
 * open windows take at most {@code budgetPercent} % of a core whatever the call rate; with a few calls a window
 * recomputes in milliseconds and every tick recomputes it, as before. A closed window is recomputed whenever a
 * call marks it. The figures of an open window are at most {@code max(tick, (100 / budgetPercent) × recompute time)}
 * old; a closed window's final figures come on the first tick after its last call is stored.
 */
public final class WindowPacing {

    private final int budgetPercent;
    private final Map<Instant, Instant> nextDue = new ConcurrentHashMap<>();

    public WindowPacing(int budgetPercent) {
        if (budgetPercent < 1 || budgetPercent > 100) {
            throw new IllegalArgumentException("the open windows' budget is a percentage of a core, 1 to 100: " + budgetPercent);
        }
        this.budgetPercent = budgetPercent;
    }

    /** Whether the window starting at {@code window} is still filling up at {@code now}. */
    public static boolean open(Instant window, Instant now) {
        return window.plusMillis(2 * MetricStore.WINDOW_MS).isAfter(now);
    }

    /** Whether the window is to be recomputed now: closed ones always, open ones when their pause is over. */
    public boolean due(Instant window, Instant now) {
        if (!open(window, now)) {
            nextDue.remove(window);
            return true;
        }
        Instant due = nextDue.get(window);
        return due == null || !now.isBefore(due);
    }

    /** Records a recompute of the window that ended at {@code now} and took {@code took}. */
    public void computed(Instant window, Instant now, Duration took) {
        nextDue.keySet().removeIf(w -> !open(w, now));
        if (open(window, now)) {
            nextDue.put(window, now.plus(took.multipliedBy(100 / budgetPercent - 1)));
        }
    }

    /** When the open window will next be recomputed; {@code null} when it may be now. */
    public Instant nextDue(Instant window) {
        return nextDue.get(window);
    }
}
