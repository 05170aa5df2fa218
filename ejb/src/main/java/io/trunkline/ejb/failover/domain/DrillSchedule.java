package io.trunkline.ejb.failover.domain;

import io.trunkline.processes.failover.FailoverDrillProcess;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A carrier's drill schedule (master data): a weekly window (days, local time, time zone) in which the platform
 * starts the carrier's failover drill by itself. A slot counts only if it comes after the schedule's last change and
 * its last started drill, and only within {@link #GRACE} of its time: a platform that was down through a slot starts
 * that drill late once, never a backlog of missed ones.
 *
 * @param days the weekdays, e.g. {@code MON-FRI}, {@code TUE,THU} or {@code MON-SUN}
 */
public record DrillSchedule(String carrier, String sourcePbx, List<String> testNumbers, String expectCarrier,
                            int maxAddedSetupMs, Set<DayOfWeek> days, LocalTime time, ZoneId zone, boolean enabled,
                            String updatedBy, Instant updatedAt, Instant lastStartedAt, Long lastWorkflowId) {

    /** How late a missed slot may still start. */
    public static final Duration GRACE = Duration.ofHours(1);

    public DrillSchedule {
        testNumbers = List.copyOf(testNumbers);
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /** The slot whose drill is due at {@code now}, if one is. */
    public Optional<Instant> due(Instant now) {
        if (!enabled) {
            return Optional.empty();
        }
        return lastSlot(now).filter(slot -> slot.isAfter(updatedAt)
                && (lastStartedAt == null || slot.isAfter(lastStartedAt))
                && Duration.between(slot, now).compareTo(GRACE) < 0);
    }

    /** The latest slot at or before {@code now}. */
    public Optional<Instant> lastSlot(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int back = 0; back <= 7; back++) {
            LocalDate day = today.minusDays(back);
            if (days.contains(day.getDayOfWeek())) {
                Instant slot = ZonedDateTime.of(day, time, zone).toInstant();
                if (!slot.isAfter(now)) {
                    return Optional.of(slot);
                }
            }
        }
        return Optional.empty();
    }

    /** The drill's start variables (checked again by the process catalog when the drill starts). */
    public Map<String, Object> variables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put(FailoverDrillProcess.CARRIER, carrier);
        vars.put(FailoverDrillProcess.SOURCE_PBX, sourcePbx);
        vars.put(FailoverDrillProcess.TEST_NUMBERS, String.join(",", testNumbers));
        vars.put(FailoverDrillProcess.MAX_ADDED_SETUP_MS, maxAddedSetupMs);
        if (expectCarrier != null) {
            vars.put(FailoverDrillProcess.EXPECT_CARRIER, expectCarrier);
        }
        return vars;
    }

    /** The days as written back: ranges kept short ({@code MON-FRI}), others listed in week order. */
    public String daysText() {
        return text(days);
    }

    static String text(Set<DayOfWeek> days) {
        EnumSet<DayOfWeek> set = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        List<DayOfWeek> list = List.copyOf(set);
        boolean run = list.size() > 2 && list.get(list.size() - 1).getValue() - list.get(0).getValue() == list.size() - 1;
        if (run) {
            return name(list.get(0)) + "-" + name(list.get(list.size() - 1));
        }
        return list.stream().map(DrillSchedule::name).collect(Collectors.joining(","));
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    }

    /**
     * Weekdays from {@code MON-FRI}, {@code TUE,THU}, {@code SAT-MON} (a range may wrap past Sunday).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Set<DayOfWeek> days(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("days are required, such as MON-FRI or TUE,THU");
        }
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.trim().split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a day or a range such as MON-FRI");
            }
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length == 2 ? day(range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                out.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (name(d).equals(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + s.trim() + "' is not a day (MON, TUE, WED, THU, FRI, SAT, SUN)");
    }

    /** @throws IllegalArgumentException for what is not a local time such as 02:30 */
    public static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a local time such as 02:30");
        }
    }
}
