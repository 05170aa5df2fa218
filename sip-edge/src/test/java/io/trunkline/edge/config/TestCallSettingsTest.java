package io.trunkline.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class TestCallSettingsTest {

    private static final String TOKEN = "0123456789abcdefghijklmn";

    private static TestCallSettings read(String... kv) {
        Properties p = new Properties();
        p.setProperty("node.id", "n");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return EdgeConfig.from(p).testCalls();
    }

    @Test
    void offUnlessAPortIsSet() {
        assertThat(read()).isEqualTo(new TestCallSettings(0, "127.0.0.1", null, 4));
        assertThat(read().enabled()).isFalse();
        assertThat(read("testcalls.port", "0", "testcalls.token", "short").enabled())
                .as("port 0 is off, and its token is not judged").isFalse();
    }

    @Test
    void everyKeyIsRead() {
        TestCallSettings s = read("testcalls.port", "8461", "testcalls.bind", "10.20.0.5", "testcalls.token", TOKEN,
                "testcalls.max-concurrent", "2");
        assertThat(s).isEqualTo(new TestCallSettings(8461, "10.20.0.5", TOKEN, 2));
        assertThat(s.enabled()).isTrue();
        assertThat(read("testcalls.port", "8461", "testcalls.token", TOKEN))
                .as("loopback and 4 at once by default").isEqualTo(new TestCallSettings(8461, "127.0.0.1", TOKEN, 4));
        assertThat(s.toString()).as("the token never reaches a log").doesNotContain(TOKEN);
    }

    @Test
    void aPortNeedsALongEnoughTokenAndBadValuesNameTheirKey() {
        assertThatThrownBy(() -> read("testcalls.port", "8461")).hasMessage("testcalls.token is required");
        assertThatThrownBy(() -> read("testcalls.port", "8461", "testcalls.token", TOKEN.substring(1)))
                .hasMessage("testcalls.token must be at least 24 characters, was 23");
        assertThatThrownBy(() -> read("testcalls.port", "70000", "testcalls.token", TOKEN))
                .hasMessageContaining("testcalls.port");
        assertThatThrownBy(() -> read("testcalls.port", "http", "testcalls.token", TOKEN))
                .hasMessageContaining("testcalls.port");
        assertThatThrownBy(() -> read("testcalls.port", "8461", "testcalls.token", TOKEN, "testcalls.max-concurrent", "0"))
                .hasMessageContaining("testcalls.max-concurrent");
    }
}
