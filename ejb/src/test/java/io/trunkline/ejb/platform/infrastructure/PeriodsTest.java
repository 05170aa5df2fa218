package io.trunkline.ejb.platform.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeriodsTest {

    @Test
    void readsWholeSecondsAndRefusesTheRestNamingTheProperty() {
        assertThat(Periods.millis("trunkline.alerts.interval-seconds", null, 10)).isEqualTo(10_000);
        assertThat(Periods.millis("trunkline.alerts.interval-seconds", " ", 10)).isEqualTo(10_000);
        assertThat(Periods.millis("trunkline.alerts.interval-seconds", " 2 ", 10)).isEqualTo(2_000);
        assertThat(Periods.millis("trunkline.alerts.interval-seconds", "3600", 10)).isEqualTo(3_600_000);
        for (String bad : new String[] {"0", "-5", "3601", "1.5", "10s", "PT10S"}) {
            assertThatThrownBy(() -> Periods.millis("trunkline.metrics.interval-seconds", bad, 10)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("trunkline.metrics.interval-seconds must be whole seconds from 1 to 3600, got '" + bad + "'");
        }
    }
}
