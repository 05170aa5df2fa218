package io.trunkline.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.platform.api.PlatformHealth;
import io.trunkline.web.support.JsonBodies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What health says to whom: states to anyone, details to ops and admin only. */
class HealthResourceTest {

    private static final PlatformHealth.Report REPORT = new PlatformHealth.Report(PlatformHealth.Status.DOWN,
            Instant.parse("2026-12-04T09:00:00Z"), List.of(
            new PlatformHealth.Subsystem("database", PlatformHealth.Status.UP,
                    Map.of("product", "PostgreSQL 15.18", "schemaVersion", "V42")),
            new PlatformHealth.Subsystem("camel", PlatformHealth.Status.UP,
                    Map.of("inboxes", Map.of("trunkline.inbox.ratedecks", "/srv/trunkline/inbox/ratedecks"))),
            new PlatformHealth.Subsystem("edge", PlatformHealth.Status.DOWN,
                    Map.of("members", List.of(Map.of("node", "edge-1", "sip", "10.0.0.5:5060"))))));

    @Test
    void withoutTheOpsRoleOnlyTheStatesAreShown() {
        String body = JsonBodies.value(HealthResource.body(REPORT, false)).toString();
        assertThat(body).isEqualTo("{\"status\":\"DOWN\",\"subsystems\":[{\"name\":\"database\",\"status\":\"UP\"},"
                + "{\"name\":\"camel\",\"status\":\"UP\"},{\"name\":\"edge\",\"status\":\"DOWN\"}]}");
        assertThat(body).doesNotContain("PostgreSQL", "V42", "/srv/trunkline", "edge-1", "10.0.0.5", "checkedAt");
    }

    @Test
    void opsSeeEveryDetailAndTheTimeOfTheCheck() {
        String body = JsonBodies.value(HealthResource.body(REPORT, true)).toString();
        assertThat(body).startsWith("{\"status\":\"DOWN\",\"checkedAt\":\"2026-12-04T09:00:00Z\"")
                .contains("\"product\":\"PostgreSQL 15.18\"", "\"schemaVersion\":\"V42\"",
                        "/srv/trunkline/inbox/ratedecks", "\"node\":\"edge-1\"");
        assertThat(HealthResource.DETAIL_ROLES).containsExactlyInAnyOrder("ops", "admin");
    }
}
