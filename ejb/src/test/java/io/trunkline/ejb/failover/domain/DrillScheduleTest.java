package io.trunkline.ejb.failover.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.processes.failover.FailoverDrillProcess;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a schedule's drill is due, and how its days and time are read. */
class DrillScheduleTest {

    /** Tuesdays and Thursdays at 02:30 London time; changed on Monday 2026-12-07 at noon UTC. */
    private static DrillSchedule schedule(Instant lastStarted, boolean enabled) {
        return new DrillSchedule("carrier-a", "hq-cucm", List.of("+442079460123"), null, 5000,
                DrillSchedule.days("TUE,THU"), LocalTime.of(2, 30), ZoneId.of("Europe/London"), enabled, "olga",
                Instant.parse("2026-12-07T12:00:00Z"), lastStarted, null);
    }

    @Test
    void aSlotIsDueFromItsTimeForAnHourOnceAndNotBeforeTheScheduleChanged() {
        Instant slot = Instant.parse("2026-12-08T02:30:00Z");
        assertThat(schedule(null, true).due(Instant.parse("2026-12-08T02:29:59Z"))).isEmpty();
        assertThat(schedule(null, true).due(slot)).contains(slot);
        assertThat(schedule(null, true).due(Instant.parse("2026-12-08T03:29:00Z"))).contains(slot);
        assertThat(schedule(null, true).due(Instant.parse("2026-12-08T03:30:00Z"))).as("past the grace").isEmpty();
        assertThat(schedule(Instant.parse("2026-12-08T02:30:01Z"), true).due(Instant.parse("2026-12-08T02:31:00Z")))
                .as("already started").isEmpty();
        assertThat(schedule(null, false).due(slot)).as("disabled").isEmpty();
        assertThat(schedule(null, true).due(Instant.parse("2026-12-07T12:30:00Z"))).as("Thursday's slot was before the change")
                .isEmpty();
        assertThat(schedule(Instant.parse("2026-12-08T02:30:01Z"), true).due(Instant.parse("2026-12-10T02:30:00Z")))
                .contains(Instant.parse("2026-12-10T02:30:00Z"));
    }

    @Test
    void theTimeIsLocalToTheScheduleZoneAcrossSummerTime() {
        DrillSchedule s = schedule(null, true);
        assertThat(s.lastSlot(Instant.parse("2027-07-06T02:00:00Z"))).as("02:30 BST is 01:30 UTC")
                .isEqualTo(Optional.of(Instant.parse("2027-07-06T01:30:00Z")));
    }

    @Test
    void daysAreReadAsListsAndRangesAndWrittenBackShort() {
        assertThat(DrillSchedule.days("mon-fri")).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(DrillSchedule.days("SAT-MON")).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(DrillSchedule.text(DrillSchedule.days("MON-SUN"))).isEqualTo("MON-SUN");
        assertThat(DrillSchedule.text(DrillSchedule.days("THU, TUE"))).isEqualTo("TUE,THU");
        assertThat(DrillSchedule.text(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY))).isEqualTo("MON,TUE");
        for (String bad : new String[]{"", "MONDAY", "MON-", "MON-TUE-WED", "XYZ"}) {
            assertThatThrownBy(() -> DrillSchedule.days(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(DrillSchedule.time("02:30")).isEqualTo(LocalTime.of(2, 30));
        assertThatThrownBy(() -> DrillSchedule.time("2.30")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScheduleStartsTheDrillWithItsOwnVariables() {
        assertThat(FailoverDrillProcess.variables(schedule(null, true).variables()))
                .containsEntry(FailoverDrillProcess.CARRIER, "carrier-a")
                .containsEntry(FailoverDrillProcess.SOURCE_PBX, "hq-cucm")
                .containsEntry(FailoverDrillProcess.TEST_NUMBERS, List.of("+442079460123"))
                .doesNotContainKey(FailoverDrillProcess.START_AT);
    }
}
