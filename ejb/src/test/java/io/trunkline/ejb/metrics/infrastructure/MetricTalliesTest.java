package io.trunkline.ejb.metrics.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A window's STIR/SHAKEN tallies as the metric_window row stores them. */
class MetricTalliesTest {

    @Test
    void talliesRoundTripAndStayWithinTheColumn() {
        Map<String, Integer> tallies = new TreeMap<>(Map.of("in:FAILED:UNSUPPORTED_CREDENTIAL", 3, "in:PASSED", 120,
                "out:A", 40, "out:none", 2));
        String text = JdbcMetricStore.tallies(tallies);
        assertThat(text).isEqualTo("in:FAILED:UNSUPPORTED_CREDENTIAL=3,in:PASSED=120,out:A=40,out:none=2");
        Map<String, Integer> read = new TreeMap<>();
        JdbcMetricStore.readTallies(text, read);
        assertThat(read).isEqualTo(tallies);
        JdbcMetricStore.readTallies("", read);
        assertThat(read).as("an empty column adds nothing").isEqualTo(tallies);

        Map<String, Integer> many = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("in:FAILED:REASON_" + i, i);
        }
        assertThat(JdbcMetricStore.tallies(many).length()).isLessThanOrEqualTo(400);
    }
}
