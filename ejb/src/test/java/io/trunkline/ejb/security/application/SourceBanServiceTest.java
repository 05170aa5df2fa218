package io.trunkline.ejb.security.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.edge.SourceBan;
import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.security.api.SourceBans;
import io.trunkline.ejb.security.domain.BanStore;
import io.trunkline.ejb.security.domain.SecurityAudit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceBanServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

    private final Map<String, String> cluster = new HashMap<>();
    private boolean reachable = true;
    private final List<String> audit = new ArrayList<>();
    private final List<EventAlerts.EventAlert> alerts = new ArrayList<>();

    private final BanStore store = new BanStore() {
        @Override
        public Map<String, String> all() {
            check();
            return Map.copyOf(cluster);
        }

        @Override
        public Optional<String> remove(String source) {
            check();
            return Optional.ofNullable(cluster.remove(source));
        }

        private void check() {
            if (!reachable) {
                throw new IllegalStateException("the edge cluster is not reachable");
            }
        }
    };

    private final SourceBanService service = new SourceBanService(store,
            (at, actor, action, subject, reason, details) -> audit.add(at + " " + actor + " " + action + " " + subject
                    + " " + reason), alerts::add, Clock.fixed(NOW, ZoneOffset.UTC));

    private static SourceBan ban(String source, String node) {
        return new SourceBan(source, "User-Agent of a scanner (friendly-scanner)", "scanner", node,
                NOW.minusSeconds(5), NOW.plusSeconds(595));
    }

    @Test
    void listsTheBansInTheClusterNewestFirst() {
        cluster.put("198.51.100.7", ban("198.51.100.7", "edge-1").toJson());
        cluster.put("203.0.113.9", new SourceBan("203.0.113.9", "r", "rate", "edge-2", NOW, NOW.plusSeconds(60)).toJson());
        cluster.put("192.0.2.1", "not json");
        assertThat(service.list()).extracting(SourceBans.Ban::source).containsExactly("203.0.113.9", "198.51.100.7");
    }

    @Test
    void liftingRemovesTheBanAndAuditsWhoAndWhy() {
        cluster.put("198.51.100.7", ban("198.51.100.7", "edge-1").toJson());
        Optional<SourceBans.Ban> lifted = service.lift("198.51.100.7", "olga", "customer's new PBX, not a scanner");
        assertThat(lifted).get().extracting(SourceBans.Ban::rule).isEqualTo("scanner");
        assertThat(cluster).isEmpty();
        assertThat(audit).containsExactly(NOW + " olga SOURCE_LIFT 198.51.100.7 customer's new PBX, not a scanner");
    }

    @Test
    void liftingASourceNotBannedChangesNothing() {
        assertThat(service.lift("198.51.100.7", "olga", "why")).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void anUnreachableClusterIsSaidSo() {
        reachable = false;
        assertThatThrownBy(service::list).isInstanceOf(SourceBans.EdgeClusterUnavailable.class);
        assertThatThrownBy(() -> service.lift("198.51.100.7", "olga", "why"))
                .isInstanceOf(SourceBans.EdgeClusterUnavailable.class);
    }

    @Test
    void aReportedBanIsAuditedWithTheNodeAsActor() {
        service.reported("edge-1", ban("198.51.100.7", "edge-1").toJson());
        assertThat(audit).containsExactly(NOW + " edge-1 SOURCE_BAN 198.51.100.7 User-Agent of a scanner (friendly-scanner)");
        assertThat(alerts).isEmpty();
    }

    @Test
    void aPeerOverItsLimitRaisesASecurityAlertAndIsNotAudited() {
        service.reported("edge-1", "{\"kind\":\"peer-over-limit\",\"node\":\"edge-1\",\"source\":\"10.0.1.10\","
                + "\"peer\":\"hq-cucm\",\"rule\":\"rate\",\"count\":2100,\"limit\":2000,\"windowMs\":2000}");
        assertThat(alerts).hasSize(1);
        EventAlerts.EventAlert a = alerts.get(0);
        assertThat(a.origin()).isEqualTo(EventAlerts.SECURITY);
        assertThat(a.subject()).isEqualTo("hq-cucm");
        assertThat(a.details()).contains("2100").contains("2000").contains("not banned");
        assertThat(audit).isEmpty();
    }

    @Test
    void otherSecurityEventsAndUnreadableOnesAreLeftAlone() {
        service.reported("edge-1", "{\"node\":\"edge-1\",\"source\":\"1.2.3.4:5060\",\"method\":\"INVITE\",\"code\":403}");
        service.reported("edge-1", "{\"kind\":\"ban\",\"source\":\"1.2.3.4\"}");
        service.reported("edge-1", "not json");
        assertThat(audit).isEmpty();
        assertThat(alerts).isEmpty();
    }
}
