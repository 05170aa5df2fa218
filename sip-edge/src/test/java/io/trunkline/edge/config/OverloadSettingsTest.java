package io.trunkline.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class OverloadSettingsTest {

    private static OverloadSettings read(String... kv) {
        Properties p = new Properties();
        p.setProperty("node.id", "n");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return EdgeConfig.from(p).overload();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(read()).isEqualTo(new OverloadSettings(true, 100, 32, 150, 1000, 90, 1000, 2, 10, 100, 25))
                .isEqualTo(OverloadSettings.defaults());
    }

    @Test
    void everyKeyIsReadAndABadValueIsRefusedNamingItsKey() {
        OverloadSettings s = read("overload.enabled", "FALSE", "overload.max-calls-in-setup", "5",
                "overload.max-pending-decisions", "4", "overload.decision-p95-ms", "50", "overload.window-ms", "2000",
                "overload.cpu-percent", "0", "overload.recover-ms", "3000", "overload.retry-after", "10",
                "overload.min-rate", "1", "overload.interval-ms", "50", "overload.queue-wait-ms", "40");
        assertThat(s).isEqualTo(new OverloadSettings(false, 5, 4, 50, 2000, 0, 3000, 10, 1, 50, 40));
        assertThatThrownBy(() -> read("overload.enabled", "yes")).hasMessageContaining("overload.enabled");
        assertThatThrownBy(() -> read("overload.cpu-percent", "120")).hasMessageContaining("overload.cpu-percent");
        assertThatThrownBy(() -> read("overload.cpu-percent", "-1")).hasMessageContaining("overload.cpu-percent");
        assertThatThrownBy(() -> read("overload.max-calls-in-setup", "0")).hasMessageContaining("overload.max-calls-in-setup");
        assertThatThrownBy(() -> read("overload.window-ms", "50")).hasMessageContaining("overload.window-ms");
    }
}
