package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.ruleset.api.RuleBase.VersionStatus;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsAtTest {

    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-10T12:00:00Z");

    /** routing@1 active from T1, @2 from T2 (active now), @3 a draft never activated. */
    private static final List<VersionStatus> VERSIONS = List.of(
            status(3, "DRAFT", null), status(2, "ACTIVE", T2), status(1, "RETIRED", T1));

    @Test
    void theVersionActivatedLastBeforeTheCallDecidedIt() {
        assertThat(VersionsAt.pick("routing", VERSIONS, T2.minusSeconds(1)).orElseThrow())
                .isEqualTo(new VersionsAt.Choice(1, null));
        assertThat(VersionsAt.pick("routing", VERSIONS, T2).orElseThrow().version()).as("from its activation on")
                .isEqualTo(2);
        assertThat(VersionsAt.pick("routing", VERSIONS, T2.plusSeconds(86_400)).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aCallOlderThanEveryActivationGetsTheFirstVersionSaidSo() {
        VersionsAt.Choice c = VersionsAt.pick("routing", VERSIONS, T1.minusSeconds(3600)).orElseThrow();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.note()).contains("predates the first recorded activation of routing").contains("routing@1");
    }

    @Test
    void draftsNeverDecided() {
        assertThat(VersionsAt.pick("routing", List.of(status(3, "DRAFT", null)), T2)).isEmpty();
    }

    private static VersionStatus status(int v, String status, Instant activatedAt) {
        return new VersionStatus(new RulebookVersion("routing", v, "0".repeat(64), List.of("RoutingPolicy.drl.xlsx"),
                T1.minusSeconds(60), "ana", "v" + v), status, activatedAt, activatedAt == null ? null : "ana");
    }
}
