package io.trunkline.ejb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    /** London office hours, with the Christmas holidays of 2026. */
    private final BusinessCalendar office = BusinessCalendar.parse("Europe/London", "MON-FRI", "09:00-17:00",
            "2026-12-25, 2026-12-28");

    @Test
    void businessDaysSkipWeekendsAndHolidaysAndKeepTheTimeOfDay() {
        // Wednesday 23 December 2026, 10:00 in London (UTC in winter): three business days skip Friday 25th (holiday),
        // the weekend and Monday 28th (holiday).
        Instant wednesday = Instant.parse("2026-12-23T10:00:00Z");
        assertThat(office.due("3d", wednesday)).isEqualTo(Instant.parse("2026-12-30T10:00:00Z"));
        assertThat(office.due("1d", wednesday)).isEqualTo(Instant.parse("2026-12-24T10:00:00Z"));
    }

    @Test
    void hoursRunOnlyInsideWorkingHours() {
        Instant lateThursday = Instant.parse("2026-12-03T16:30:00Z");
        assertThat(office.due("1h", lateThursday)).isEqualTo(Instant.parse("2026-12-04T09:30:00Z"));
        assertThat(office.due("4h 30m", Instant.parse("2026-12-05T12:00:00Z"))).as("from a Saturday")
                .isEqualTo(Instant.parse("2026-12-07T13:30:00Z"));
        assertThat(office.due("20s", Instant.parse("2026-12-07T08:00:00Z"))).isEqualTo(Instant.parse("2026-12-07T09:00:20Z"));
    }

    @Test
    void isoDurationsAreElapsedTimeAndDatesAreThatMoment() {
        Instant saturday = Instant.parse("2026-12-05T12:00:00Z");
        assertThat(office.due("PT25S", saturday)).isEqualTo(Instant.parse("2026-12-05T12:00:25Z"));
        assertThat(office.due("2026-12-18T07:00:00+01:00", saturday)).isEqualTo(Instant.parse("2026-12-18T06:00:00Z"));
    }

    @Test
    void aRoundTheClockCalendarCountsEverySecond() {
        BusinessCalendar always = BusinessCalendar.parse("UTC", "MON-SUN", "00:00-24:00", "");
        Instant saturdayNight = Instant.parse("2026-12-05T23:59:50Z");
        assertThat(always.due("20s", saturdayNight)).isEqualTo(Instant.parse("2026-12-06T00:00:10Z"));
        assertThat(always.due("1d", saturdayNight)).isEqualTo(Instant.parse("2026-12-06T23:59:50Z"));
    }

    @Test
    void whatDoesNotReadIsRefusedNamingIt() {
        assertThatThrownBy(() -> BusinessCalendar.parse("Mars/Olympus", "MON-FRI", "09:00-17:00", "")).hasMessageStartingWith("zone");
        assertThatThrownBy(() -> BusinessCalendar.parse("UTC", "MON-FUN", "09:00-17:00", "")).hasMessageStartingWith("days");
        assertThatThrownBy(() -> BusinessCalendar.parse("UTC", "MON-FRI", "17:00-09:00", "")).hasMessageContaining("close after");
        assertThatThrownBy(() -> BusinessCalendar.parse("UTC", "MON-FRI", "9-5", "")).hasMessageStartingWith("hours");
        assertThatThrownBy(() -> BusinessCalendar.parse("UTC", "MON-FRI", "09:00-17:00", "25/12")).hasMessageStartingWith("holidays");
        assertThatThrownBy(() -> office.due("three days", Instant.EPOCH)).hasMessageContaining("business time");
        assertThatThrownBy(() -> office.due("PT3X", Instant.EPOCH)).hasMessageContaining("ISO-8601 duration");
    }
}
