package io.trunkline.ejb.metrics.application;

import io.trunkline.ejb.metrics.api.Metrics;
import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.WindowStats;
import io.trunkline.ejb.metrics.domain.MetricStore.Row;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/** Reads the metric windows; never computes from raw calls, so a month of them answers from its rollups. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MetricsService implements Metrics {

    private static final Duration LONGEST_PERIOD = Duration.ofDays(93);

    @Inject
    private MetricStore store;

    public MetricsService() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    MetricsService(MetricStore store) {
        this.store = store;
    }

    @Override
    public Report report(Instant from, Instant to, int minutes, String dimension, String subject, String origin) {
        if (minutes != 5 && minutes != 60) {
            throw new IllegalArgumentException("window: expected 5m or 1h, got " + minutes + " minutes");
        }
        if (dimension != null && !MetricsBuilder.DIMENSIONS.contains(dimension)) {
            throw new IllegalArgumentException("dimension: expected one of " + MetricsBuilder.DIMENSIONS + ", got '" + dimension + "'");
        }
        if (origin != null && !List.of("edge", "cdr").contains(origin)) {
            throw new IllegalArgumentException("origin: expected edge or cdr, got '" + origin + "'");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to: must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw new IllegalArgumentException("to: at most 93 days after from");
        }
        try {
            List<Row> rows = store.rows(minutes, from, to, dimension, subject, origin);
            List<Figures> windows = new ArrayList<>(rows.size());
            Map<String, WindowStats> totals = new LinkedHashMap<>();
            for (Row r : rows) {
                windows.add(figures(r.start(), minutes, r.origin(), r.dimension(), r.subject(), r.stats()));
                totals.computeIfAbsent(r.dimension() + '\u0000' + r.subject() + '\u0000' + r.origin(), k -> new WindowStats())
                        .merge(r.stats());
            }
            List<Figures> summed = new ArrayList<>();
            for (Map.Entry<String, WindowStats> t : totals.entrySet()) {
                String[] k = t.getKey().split("\u0000", 3);
                summed.add(figures(from, (int) Duration.between(from, to).toMinutes(), k[2], k[0], k[1], t.getValue()));
            }
            return new Report(windows, summed, store.dirtyCount());
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    static Figures figures(Instant start, int minutes, String origin, String dimension, String subject, WindowStats s) {
        return new Figures(start, minutes, origin, dimension, subject, s.attempts, s.answered, s.asr(), s.ner(),
                s.acdSeconds(), s.pddQuantile(0.5), s.pddQuantile(0.95), new TreeMap<>(s.failures), s.concurrentPeak,
                s.mos(), s.rated == 0 ? null : s.cost, s.rated, new TreeMap<>(s.identities), s.identityFailedShare(),
                s.lossPct(), s.jitterMs());
    }

    @Override
    public String prometheus() {
        Instant last = MetricStore.windowOf(Instant.now()).minusMillis(MetricStore.WINDOW_MS);
        List<Row> rows;
        try {
            rows = store.rows(5, last, last.plusMillis(MetricStore.WINDOW_MS), null, null, null);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        StringBuilder out = new StringBuilder();
        gauge(out, rows, "trunkline_attempts", "Attempts in the last complete 5-minute window", s -> (double) s.attempts);
        gauge(out, rows, "trunkline_answered", "Answered attempts in the last complete 5-minute window", s -> (double) s.answered);
        gauge(out, rows, "trunkline_asr_ratio", "Answer-seizure ratio, last complete 5-minute window", WindowStats::asr);
        gauge(out, rows, "trunkline_ner_ratio", "Network effectiveness ratio, last complete 5-minute window", WindowStats::ner);
        gauge(out, rows, "trunkline_acd_seconds", "Average call duration, last complete 5-minute window", WindowStats::acdSeconds);
        gauge(out, rows, "trunkline_pdd_p95_seconds", "Post-dial delay, 95th percentile, last complete 5-minute window",
                s -> s.pddQuantile(0.95) == null ? null : s.pddQuantile(0.95) / 1000.0);
        gauge(out, rows, "trunkline_concurrent_calls_peak", "Most calls up at once, last complete 5-minute window",
                s -> (double) s.concurrentPeak);
        gauge(out, rows, "trunkline_mos", "Mean opinion score, last complete 5-minute window", WindowStats::mos);
        gauge(out, rows, "trunkline_packet_loss_ratio", "Packet loss of the calls that measured it (relay RTCP, CMR), "
                + "last complete 5-minute window", s -> s.lossPct() == null ? null : s.lossPct() / 100.0);
        gauge(out, rows, "trunkline_jitter_seconds", "Interarrival jitter of the calls that measured it, last complete "
                + "5-minute window", s -> s.jitterMs() == null ? null : s.jitterMs() / 1000.0);
        gauge(out, rows, "trunkline_cost", "Cost of the answered calls rated, last complete 5-minute window",
                s -> s.rated == 0 ? null : s.cost.doubleValue());
        identities(out, rows);
        gauge(out, rows, "trunkline_identity_failed_ratio", "Of a carrier's inbound identities verified, the share that "
                + "failed, last complete 5-minute window", WindowStats::identityFailedShare);
        return out.toString();
    }

    private static void gauge(StringBuilder out, List<Row> rows, String name, String help,
                              java.util.function.Function<WindowStats, Double> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (Row r : rows) {
            Double v = value.apply(r.stats());
            if (v == null) {
                continue;
            }
            out.append(name).append("{origin=\"").append(label(r.origin())).append("\",dimension=\"")
                    .append(label(r.dimension())).append("\",subject=\"").append(label(r.subject())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6g", v)).append('\n');
        }
    }

    /** A carrier's STIR/SHAKEN tallies: outbound calls by expected attestation, inbound calls by verification. */
    private static void identities(StringBuilder out, List<Row> rows) {
        out.append("# HELP trunkline_identity_outbound_calls Outbound calls a carrier carried, by the STIR/SHAKEN "
                + "attestation they were expected to arrive with (none: unsigned), last complete 5-minute window\n");
        out.append("# TYPE trunkline_identity_outbound_calls gauge\n");
        StringBuilder in = new StringBuilder();
        in.append("# HELP trunkline_identity_inbound_calls Inbound calls a carrier brought, by the edge's verification "
                + "of their identity (PASSED, FAILED with its reason, MISSING), last complete 5-minute window\n");
        in.append("# TYPE trunkline_identity_inbound_calls gauge\n");
        for (Row r : rows) {
            for (Map.Entry<String, Integer> e : r.stats().identities.entrySet()) {
                String[] k = e.getKey().split(":", 3);
                String labels = "{origin=\"" + label(r.origin()) + "\",carrier=\"" + label(r.subject()) + "\"";
                if ("out".equals(k[0])) {
                    out.append("trunkline_identity_outbound_calls").append(labels).append(",attestation=\"")
                            .append(label(k[1])).append("\"} ").append(e.getValue()).append('\n');
                } else {
                    in.append("trunkline_identity_inbound_calls").append(labels).append(",outcome=\"").append(label(k[1]))
                            .append("\",reason=\"").append(k.length > 2 ? label(k[2]) : "").append("\"} ")
                            .append(e.getValue()).append('\n');
                }
            }
        }
        out.append(in);
    }

    /** Prometheus label values escape backslash, double quote and newline. */
    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
