package io.trunkline.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.web.support.ApiException;
import org.junit.jupiter.api.Test;

class SecurityResourceTest {

    @Test
    void aSourceIsAnIpAddress() {
        assertThat(SecurityResource.source("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(SecurityResource.source(" 2001:db8::7 ")).isEqualTo("2001:db8::7");
    }

    @Test
    void anythingElseIsABadRequestNamingTheSource() {
        for (String bad : new String[]{"", "256.1.1.1", "198.51.100", "example.com", "1.2.3.4:5060", "1:2:3", "a'b"}) {
            assertThatThrownBy(() -> SecurityResource.source(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> {
                        assertThat(e.field()).isEqualTo("source");
                        assertThat(e.status().getStatusCode()).isEqualTo(400);
                    });
        }
    }
}
