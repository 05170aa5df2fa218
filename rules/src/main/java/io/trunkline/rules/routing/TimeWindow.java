package io.trunkline.rules.routing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A weekly time window as analysts write it: {@code 08:00-18:00}, {@code 08:00-18:00 Mon-Fri},
 * {@code Sat,Sun}, {@code 22:00-06:00} (crossing midnight). Start inclusive, end exclusive.
 */
public final class TimeWindow {

    private static final Map<String, TimeWindow> CACHE = new ConcurrentHashMap<>();

    private final LocalTime from;
    private final LocalTime until;
    private final Set<DayOfWeek> days;

    private TimeWindow(LocalTime from, LocalTime until, Set<DayOfWeek> days) {
        this.from = from;
        this.until = until;
        this.days = days;
    }

    /** @throws IllegalArgumentException naming what is not a time range or day */
    public static TimeWindow parse(String text) {
        return CACHE.computeIfAbsent(text.trim(), TimeWindow::read);
    }

    private static TimeWindow read(String text) {
        LocalTime from = LocalTime.MIN;
        LocalTime until = LocalTime.MIN;
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        for (String part : text.split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (Character.isDigit(part.charAt(0))) {
                String[] ends = part.split("-");
                if (ends.length != 2) {
                    throw new IllegalArgumentException("time window '" + text + "': '" + part + "' is not HH:MM-HH:MM");
                }
                try {
                    from = LocalTime.parse(ends[0]);
                    until = LocalTime.parse(ends[1]);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("time window '" + text + "': '" + part + "' is not HH:MM-HH:MM");
                }
            } else {
                days = days(text, part);
            }
        }
        return new TimeWindow(from, until, days);
    }

    private static Set<DayOfWeek> days(String text, String part) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String item : part.split(",")) {
            String[] range = item.split("-");
            DayOfWeek first = day(text, range[0]);
            DayOfWeek last = range.length > 1 ? day(text, range[1]) : first;
            DayOfWeek d = first;
            while (true) {
                out.add(d);
                if (d == last) {
                    break;
                }
                d = d.plus(1);
            }
        }
        return out;
    }

    private static DayOfWeek day(String text, String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (n.length() >= 3 && d.name().startsWith(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("time window '" + text + "': '" + name + "' is not a day (Mon..Sun)");
    }

    public boolean contains(DayOfWeek day, LocalTime time) {
        if (from.equals(until)) {
            return days.contains(day);
        }
        if (from.isBefore(until)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(until);
        }
        // Crossing midnight: the part after midnight belongs to the day the window started.
        if (!time.isBefore(from)) {
            return days.contains(day);
        }
        return time.isBefore(until) && days.contains(day.minus(1));
    }
}
