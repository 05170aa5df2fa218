package io.trunkline.ejb.alerts.application;

import io.trunkline.camel.support.BlockingHttp;
import io.trunkline.ejb.alerts.api.Alerts.Alert;
import io.trunkline.ejb.platform.infrastructure.SmtpMailer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.json.Json;
import javax.json.JsonObjectBuilder;

/**
 * Sends an alert's events by e-mail (SMTP) and webhook (JSON POST). Targets are the server's system properties:
 * {@code trunkline.alerts.mail.to} (comma-separated), {@code trunkline.alerts.mail.escalate-to} (escalations go
 * there as well), {@code trunkline.alerts.mail.from}, {@code trunkline.smtp.host} / {@code trunkline.smtp.port}
 * (default 127.0.0.1:25, sent by {@link SmtpMailer}) and {@code trunkline.alerts.webhook} (a URL); an unset target
 * is skipped.
 */
final class AlertNotifier {

    /** One attempt to deliver: where, and "delivered" or why not. */
    record Outcome(String channel, String target, String outcome) {
    }

    /** A webhook's answer is not read beyond its status. */
    private static final BlockingHttp.Options HTTP = new BlockingHttp.Options(Duration.ofSeconds(5),
            Duration.ofSeconds(5), false, 0);

    List<Outcome> send(String event, Alert alert) {
        List<Outcome> out = new ArrayList<>();
        List<String> to = new ArrayList<>(list(System.getProperty("trunkline.alerts.mail.to")));
        if (event.equals("ESCALATED")) {
            to.addAll(list(System.getProperty("trunkline.alerts.mail.escalate-to")));
        }
        if (!to.isEmpty()) {
            out.add(new Outcome("EMAIL", String.join(",", to), mail(event, alert, to)));
        }
        String hook = System.getProperty("trunkline.alerts.webhook");
        if (hook != null && !hook.isBlank()) {
            out.add(new Outcome("WEBHOOK", hook, webhook(event, alert, hook.trim())));
        }
        return out;
    }

    static String subject(String event, Alert a) {
        return "[Trunkline " + a.severity() + "] " + a.title() + ": " + a.dimension() + " " + a.subject() + " ("
                + event.toLowerCase() + ")";
    }

    static String text(String event, Alert a) {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("Event", event);
        lines.put("Alert", "#" + a.id() + " " + a.title());
        lines.put("Severity", a.severity());
        lines.put("Subject", a.dimension() + " " + a.subject() + (a.origin() == null ? "" : " (" + a.origin() + ")"));
        lines.put("State", a.state());
        lines.put("Raised", a.raisedAt());
        lines.put("Details", a.details());
        if (a.escalation() > 0) {
            lines.put("Escalation", a.escalation() + " (not acknowledged since " + a.raisedAt() + ")");
        }
        if (a.resolvedAt() != null) {
            lines.put("Resolved", a.resolvedAt());
        }
        StringBuilder b = new StringBuilder();
        lines.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        b.append("\nAcknowledge: POST /api/v1/alerts/").append(a.id()).append("/ack\n");
        return b.toString();
    }

    private static String mail(String event, Alert alert, List<String> to) {
        String from = System.getProperty("trunkline.alerts.mail.from", "trunkline@localhost");
        return new SmtpMailer().send(SmtpMailer.Mail.text(from, to, subject(event, alert), text(event, alert))
                .withHeader("X-Trunkline-Alert", String.valueOf(alert.id())));
    }

    static String json(String event, Alert a) {
        JsonObjectBuilder alert = Json.createObjectBuilder()
                .add("id", a.id()).add("title", a.title()).add("severity", a.severity())
                .add("dimension", a.dimension()).add("subject", a.subject()).add("state", a.state())
                .add("raisedAt", a.raisedAt().toString()).add("escalation", a.escalation())
                .add("occurrences", a.occurrences());
        if (a.origin() != null) {
            alert.add("origin", a.origin());
        }
        if (a.details() != null) {
            alert.add("details", a.details());
        }
        if (a.resolvedAt() != null) {
            alert.add("resolvedAt", a.resolvedAt().toString());
        }
        return Json.createObjectBuilder().add("event", event).add("alert", alert).build().toString();
    }

    private static String webhook(String event, Alert alert, String url) {
        try {
            BlockingHttp.Reply r = BlockingHttp.exchange(URI.create(url), "POST",
                    Map.of("Content-Type", "application/json"), json(event, alert).getBytes(StandardCharsets.UTF_8), HTTP);
            return r.status() / 100 == 2 ? "delivered" : "failed: HTTP " + r.status();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
