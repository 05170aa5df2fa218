package io.trunkline.ejb.workflow.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the workflows' deadlines fall: business time, written as jBPM's business calendar writes it ({@code 3d},
 * {@code 4h 30m}, {@code 20s}), counts only the working hours of working days that are not holidays, a day being one
 * working day's hours; ISO-8601 durations ({@code PT4H}) are elapsed time, and an ISO-8601 date-time is that moment.
 *
 * @param days     the working days
 * @param opens    when a working day starts
 * @param closes   when it ends; {@code 24:00} is written as {@link LocalTime#MIDNIGHT} and means the day's end
 * @param holidays days that are not worked whatever their weekday
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes, Set<LocalDate> holidays) {

    private static final Pattern BUSINESS = Pattern.compile("\\s*(?:(\\d+)\\s*d)?\\s*(?:(\\d+)\\s*h)?\\s*(?:(\\d+)\\s*m)?\\s*(?:(\\d+)\\s*s)?\\s*");
    /** Working days searched for business time before giving up (a calendar with no working day at all). */
    private static final int MAX_DAYS = 3660;

    public BusinessCalendar {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        holidays = Set.copyOf(holidays);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
        if (!closes.equals(LocalTime.MIDNIGHT) && !closes.isAfter(opens)) {
            throw new IllegalArgumentException("a working day must close after it opens (" + opens + "-" + closes + ")");
        }
    }

    /**
     * From text: {@code days} like {@code MON-FRI} or {@code MON,TUE,SAT}, {@code hours} like {@code 09:00-17:00} or
     * {@code 00:00-24:00}, {@code holidays} ISO dates separated by commas (may be empty).
     *
     * @throws IllegalArgumentException naming what does not read
     */
    public static BusinessCalendar parse(String zone, String days, String hours, String holidays) {
        ZoneId z;
        try {
            z = ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone: " + e.getMessage());
        }
        Set<DayOfWeek> d = EnumSet.noneOf(DayOfWeek.class);
        for (String part : days.split(",")) {
            String[] range = part.trim().split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length > 1 ? day(range[1]) : from;
            for (DayOfWeek w = from; ; w = w.plus(1)) {
                d.add(w);
                if (w == to) {
                    break;
                }
            }
        }
        String[] h = hours.trim().split("-");
        if (h.length != 2) {
            throw new IllegalArgumentException("hours: '" + hours + "' is not like 09:00-17:00");
        }
        LocalTime opens;
        LocalTime closes;
        try {
            opens = LocalTime.parse(h[0].trim());
            closes = h[1].trim().equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(h[1].trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("hours: '" + hours + "' is not like 09:00-17:00");
        }
        Set<LocalDate> off = new TreeSet<>();
        for (String s : holidays == null ? new String[0] : holidays.split(",")) {
            if (!s.isBlank()) {
                try {
                    off.add(LocalDate.parse(s.trim()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("holidays: '" + s.trim() + "' is not an ISO date");
                }
            }
        }
        return new BusinessCalendar(z, d, opens, closes, off);
    }

    private static DayOfWeek day(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (t.length() >= 3 && w.name().startsWith(t)) {
                return w;
            }
        }
        throw new IllegalArgumentException("days: '" + s.trim() + "' is not a weekday such as MON");
    }

    /** The length of a working day. */
    public Duration workingDay() {
        return closes.equals(LocalTime.MIDNIGHT) ? Duration.between(opens, LocalTime.MAX).plusNanos(1)
                : Duration.between(opens, closes);
    }

    /**
     * When a timer written {@code expression} and set at {@code now} fires.
     *
     * @throws IllegalArgumentException when the expression is none of the three forms
     */
    public Instant due(String expression, Instant now) {
        String e = expression == null ? "" : expression.trim();
        if (e.startsWith("P") || e.startsWith("p")) {
            try {
                return now.plus(Duration.parse(e));
            } catch (DateTimeParseException x) {
                throw new IllegalArgumentException("'" + e + "' is not an ISO-8601 duration");
            }
        }
        if (e.length() > 10 && e.charAt(4) == '-') {
            try {
                return OffsetDateTime.parse(e).toInstant();
            } catch (DateTimeParseException x) {
                throw new IllegalArgumentException("'" + e + "' is not an ISO-8601 date-time with an offset");
            }
        }
        Matcher m = BUSINESS.matcher(e);
        if (e.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + e + "' is not business time such as 3d or 4h 30m");
        }
        Duration business = workingDay().multipliedBy(value(m.group(1))).plusHours(value(m.group(2)))
                .plusMinutes(value(m.group(3))).plusSeconds(value(m.group(4)));
        return plusBusiness(now, business);
    }

    private static long value(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /** {@code from} plus {@code business} time counted in working hours only. */
    public Instant plusBusiness(Instant from, Duration business) {
        ZonedDateTime cursor = from.atZone(zone);
        Duration left = business;
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = cursor.toLocalDate();
            if (days.contains(day.getDayOfWeek()) && !holidays.contains(day)) {
                ZonedDateTime open = day.atTime(opens).atZone(zone);
                ZonedDateTime close = closes.equals(LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay(zone)
                        : day.atTime(closes).atZone(zone);
                ZonedDateTime start = cursor.isBefore(open) ? open : cursor;
                if (start.isBefore(close)) {
                    Duration available = Duration.between(start, close);
                    if (left.compareTo(available) <= 0) {
                        return start.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalArgumentException("no working time within " + MAX_DAYS + " days");
    }
}
