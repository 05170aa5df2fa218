package io.trunkline.ejb.sla.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A claim's evidence as one ZIP the carrier can check line by line: {@code summary.html} (terms, figures, breaches,
 * credit), {@code outage-windows.csv} (the merged windows the availability is computed from),
 * {@code metric-windows-below-floor.csv}, {@code failed-calls.csv} (a sample of failed calls with every attempt, test
 * calls left out) and {@code carrier-incidents.csv} (what the carrier's own status feed said). Times are UTC, RFC 4180
 * CSV.
 */
public final class EvidencePackage {

    public static final String OUTAGES = "outage-windows.csv";
    public static final String WINDOWS = "metric-windows-below-floor.csv";
    public static final String CALLS = "failed-calls.csv";
    public static final String INCIDENTS = "carrier-incidents.csv";
    public static final String SUMMARY = "summary.html";

    private EvidencePackage() {
    }

    public static byte[] zip(Claim claim, MonthReport report, List<SlaSources.FailedAttempt> calls, Instant builtAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, SUMMARY, summary(claim, report, calls.size(), builtAt));
            StringBuilder o = new StringBuilder("from_utc,to_utc,seconds,source,detail\r\n");
            report.outages().forEach(w -> o.append(w.from()).append(',').append(w.to()).append(',')
                    .append(w.duration().toSeconds()).append(',').append(csv(w.source())).append(',')
                    .append(csv(w.detail())).append("\r\n"));
            put(zip, OUTAGES, o.toString());
            StringBuilder m = new StringBuilder("window_start_utc,minutes,attempts,asr_percent,ner_percent,pdd_p95_ms,mos,reasons\r\n");
            report.figures().below().forEach(w -> m.append(w.start()).append(',').append(w.minutes()).append(',')
                    .append(w.attempts()).append(',').append(num(w.asrPercent())).append(',').append(num(w.nerPercent()))
                    .append(',').append(w.pddP95Ms() == null ? "" : w.pddP95Ms()).append(',').append(num(w.mos()))
                    .append(',').append(csv(w.reasons())).append("\r\n"));
            put(zip, WINDOWS, m.toString());
            StringBuilder c = new StringBuilder("call_id,started_utc,called,release_code,attempt,target,sip_code,pdd_ms\r\n");
            calls.forEach(a -> c.append(csv(a.callId())).append(',').append(a.startedAt()).append(',')
                    .append(csv(a.called())).append(',').append(a.releaseCode()).append(',').append(a.attemptNo())
                    .append(',').append(csv(a.target())).append(',').append(a.sipCode() == null ? "" : a.sipCode())
                    .append(',').append(a.pddMs() == null ? "" : a.pddMs()).append("\r\n"));
            put(zip, CALLS, c.toString());
            StringBuilder i = new StringBuilder("from_utc,to_utc,detail\r\n");
            report.incidents().forEach(w -> i.append(w.from()).append(',').append(w.to()).append(',')
                    .append(csv(w.detail())).append("\r\n"));
            put(zip, INCIDENTS, i.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String summary(Claim claim, MonthReport r, int calls, Instant builtAt) {
        SlaTerms t = r.terms();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(claim.reference())
                + "</title></head><body>\n<h1>SLA credit claim " + html(claim.reference()) + "</h1>\n<table>\n"
                + row("Carrier", t.carrier()) + row("Month", r.month() + " (" + t.zone() + ")")
                + row("Availability", String.format(Locale.ROOT, "%.4f %% (target %s %%)", r.availabilityPercent(),
                MonthFigures.plain(t.availabilityPercent())))
                + row("Outage", r.outageSeconds() + " s in " + r.outages().size() + " windows")
                + row("Call attempts", Long.toString(r.figures().attempts()))
                + row("ASR", num(r.figures().asrPercent()) + " % (floor " + plain(t.asrFloorPercent()) + ")")
                + row("NER", num(r.figures().nerPercent()) + " % (floor " + plain(t.nerFloorPercent()) + ")")
                + row("PDD p95", (r.figures().pddP95Ms() == null ? "" : r.figures().pddP95Ms()) + " ms (ceiling "
                + (t.pddCeilingMs() == null ? "none" : t.pddCeilingMs()) + ")")
                + row("MOS", num(r.figures().mos()) + " (floor " + plain(t.mosFloor()) + ")")
                + row("Breaches", claim.breaches())
                + row("Credit", claim.creditPercent().toPlainString() + " % of " + t.monthlyCharge().toPlainString() + " "
                + t.currency() + " = " + claim.creditAmount().toPlainString() + " " + claim.currency())
                + row("Claim deadline", claim.claimDeadline().toString())
                + row("Evidence", r.outages().size() + " outage windows, " + r.figures().below().size()
                + " metric windows below a floor, " + calls + " failed call attempts, " + r.incidents().size()
                + " carrier incidents")
                + row("Built", builtAt.toString()) + "</table>\n</body></html>\n";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + html(name) + "</th><td>" + html(value) + "</td></tr>\n";
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? "none" : MonthFigures.plain(v);
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
