package io.trunkline.processes.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Locale;
import org.jbpm.process.core.timer.BusinessCalendar;

/**
 * The platform's business calendar as process tests need it: every timer expression read as elapsed time. An ISO-8601
 * date-time is that moment, an ISO-8601 duration ({@code PT1S}) and the business form ({@code 5d}, {@code 2s}) are that
 * long from now. Installed as {@code jbpm.business.calendar}, as the platform does, because jBPM 7.74 then computes
 * every timer, absolute ones included, from its duration expression.
 */
public final class ElapsedCalendar implements BusinessCalendar {

    @Override
    public long calculateBusinessTimeAsDuration(String expression) {
        return calculateBusinessTimeAsDate(expression).getTime() - System.currentTimeMillis();
    }

    @Override
    public Date calculateBusinessTimeAsDate(String expression) {
        String e = expression.trim();
        if (e.length() > 10 && e.charAt(4) == '-') {
            return Date.from(OffsetDateTime.parse(e).toInstant());
        }
        if (e.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Date.from(Instant.now().plus(Duration.parse(e)));
        }
        long n = Long.parseLong(e.substring(0, e.length() - 1));
        Duration d = switch (e.charAt(e.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        return Date.from(Instant.now().plus(d));
    }
}
