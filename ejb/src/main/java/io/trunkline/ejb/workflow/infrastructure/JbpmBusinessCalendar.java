package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.domain.BusinessCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The platform's {@link BusinessCalendar} where jBPM looks for one (environment entry {@value #ENTRY}): every timer's
 * expression, duration or date, is turned into its delay here.
 */
final class JbpmBusinessCalendar implements org.jbpm.process.core.timer.BusinessCalendar {

    static final String ENTRY = "jbpm.business.calendar";
    /** System properties of the calendar, with a Monday-to-Friday, nine-to-five default in UTC. */
    static final String ZONE = "trunkline.calendar.zone";
    static final String DAYS = "trunkline.calendar.days";
    static final String HOURS = "trunkline.calendar.hours";
    static final String HOLIDAYS = "trunkline.calendar.holidays";

    private final BusinessCalendar calendar;
    private final Clock clock;

    JbpmBusinessCalendar(BusinessCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** From the system properties; a value that does not read fails the runtime's start naming its property. */
    static JbpmBusinessCalendar fromSystemProperties() {
        try {
            return new JbpmBusinessCalendar(BusinessCalendar.parse(System.getProperty(ZONE, "UTC"),
                    System.getProperty(DAYS, "MON-FRI"), System.getProperty(HOURS, "09:00-17:00"),
                    System.getProperty(HOLIDAYS, "")), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("business calendar (trunkline.calendar.*): " + e.getMessage(), e);
        }
    }

    BusinessCalendar calendar() {
        return calendar;
    }

    @Override
    public long calculateBusinessTimeAsDuration(String expression) {
        Instant now = clock.instant();
        return Math.max(0, Duration.between(now, calendar.due(expression, now)).toMillis());
    }

    @Override
    public Date calculateBusinessTimeAsDate(String expression) {
        return Date.from(calendar.due(expression, clock.instant()));
    }
}
