package io.trunkline.edge.config;

import java.util.Properties;

/**
 * Overload control of new calls: keys {@code overload.enabled}, {@code overload.max-calls-in-setup},
 * {@code overload.max-pending-decisions}, {@code overload.decision-p95-ms}, {@code overload.window-ms},
 * {@code overload.cpu-percent} (0: CPU not judged), {@code overload.recover-ms}, {@code overload.retry-after},
 * {@code overload.min-rate}, {@code overload.interval-ms}, {@code overload.queue-wait-ms}.
 *
 * @param maxCallsInSetup     calls admitted and not yet answered beyond which every new INVITE is refused
 * @param maxPendingDecisions decisions waiting for the platform beyond which the node is overloaded
 * @param decisionP95Ms       95th percentile of the time from INVITE to decision beyond which the node is overloaded
 * @param windowMs            the sliding window that percentile is taken over
 * @param cpuPercent          the process's share of all cores beyond which the node is overloaded (0: not judged)
 * @param recoverMs           how long every signal must stay calm, with nothing refused, before full service
 * @param retryAfterSeconds   the Retry-After of a refusal
 * @param minRate             the lowest rate of new calls per second the limit falls to
 * @param intervalMs          how often the signals are judged
 * @param queueWaitMs         how long the oldest message may wait in the SIP stack's receive queue before the node
 *                            is overloaded
 */
public record OverloadSettings(boolean enabled, int maxCallsInSetup, int maxPendingDecisions, int decisionP95Ms,
                               int windowMs, int cpuPercent, int recoverMs, int retryAfterSeconds, int minRate,
                               int intervalMs, int queueWaitMs) {

    /** The defaults, as a node without any {@code overload.*} key runs. */
    public static OverloadSettings defaults() {
        return from(new Properties());
    }

    static OverloadSettings from(Properties p) {
        String enabled = Props.text(p, "overload.enabled", "true").toLowerCase(java.util.Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException("overload.enabled must be true or false, was '" + enabled + "'");
        }
        String cpuText = Props.text(p, "overload.cpu-percent", "90");
        if (!cpuText.matches("\\d{1,3}") || Integer.parseInt(cpuText) > 100) {
            throw new IllegalArgumentException("overload.cpu-percent must be a percentage 0..100, was '" + cpuText + "'");
        }
        int interval = Props.positive(p, "overload.interval-ms", 100);
        int window = Props.positive(p, "overload.window-ms", 1000);
        if (window < interval) {
            throw new IllegalArgumentException("overload.window-ms must be at least overload.interval-ms (" + interval + ")");
        }
        return new OverloadSettings(Boolean.parseBoolean(enabled), Props.positive(p, "overload.max-calls-in-setup", 100),
                Props.positive(p, "overload.max-pending-decisions", 32), Props.positive(p, "overload.decision-p95-ms", 150),
                window, Integer.parseInt(cpuText), Props.positive(p, "overload.recover-ms", 1000),
                Props.positive(p, "overload.retry-after", 2), Props.positive(p, "overload.min-rate", 10), interval,
                Props.positive(p, "overload.queue-wait-ms", 25));
    }
}
