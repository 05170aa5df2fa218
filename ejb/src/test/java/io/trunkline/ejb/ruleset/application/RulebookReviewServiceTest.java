package io.trunkline.ejb.ruleset.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.FixedRoutingRepository;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.api.NoSuchVersionException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.ejb.ruleset.domain.InMemoryRulebookStore;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lint and diff read stored versions and the routing snapshot; a version that is not stored is said by number. */
class RulebookReviewServiceTest {

    private static final String TABLE = "RoutingPolicy.drl.xlsx";

    private RulebookReviewService review;

    @BeforeEach
    void store() {
        InMemoryRulebookStore store = new InMemoryRulebookStore();
        store.insert(version(1), "ACTIVE", Map.of(TABLE, RoutingPolicyTableSource.shipped().toXlsx()));
        store.insert(version(2), "DRAFT", Map.of(TABLE, RoutingPolicyTableSource.shipped()
                .row("*", "TOLL_FREE", "+1800", "", "carrier-b", "", "", "", "", "", "", "", "PRIORITY").toXlsx()));
        review = new RulebookReviewService(store,
                new RoutingDataHolder(new FixedRoutingRepository(RoutingFixtures.enterprise().build())));
    }

    private static RulebookVersion version(int n) {
        return new RulebookVersion("routing", n, "sum" + n, List.of(TABLE), Instant.EPOCH, "ana", "v" + n);
    }

    @Test
    void aStoredDraftIsLintedAgainstTheRoutingSnapshot() {
        LintReport report = review.lint("routing", 2);
        assertThat(report.version()).isEqualTo(2);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("SHADOWED_ROW"))
                .singleElement().satisfies(f -> {
                    assertThat(f.row()).isEqualTo(19);
                    assertThat(f.otherRows()).containsExactly(15);
                });
        assertThat(review.lint("ROUTING", 1).findings()).noneMatch(f -> f.code().equals("SHADOWED_ROW"));
    }

    @Test
    void twoStoredVersionsAreCompared() {
        VersionDiff d = review.diff("routing", 1, 2);
        assertThat(d.files()).singleElement().satisfies(f -> assertThat(f.sheets()).singleElement()
                .satisfies(s -> assertThat(s.added()).extracting(VersionDiff.RowDiff::toRow).containsExactly(19)));
        assertThat(review.diff("routing", 2, 2).identical()).isTrue();
    }

    @Test
    void aVersionThatIsNotStoredOrAnUnknownRulebookIsRefusedNamingIt() {
        assertThatThrownBy(() -> review.lint("routing", 3)).isInstanceOfSatisfying(NoSuchVersionException.class,
                e -> assertThat(e.version()).isEqualTo(3)).hasMessageContaining("routing has no version 3");
        assertThatThrownBy(() -> review.diff("routing", 1, 9)).isInstanceOfSatisfying(NoSuchVersionException.class,
                e -> assertThat(e.version()).isEqualTo(9));
        assertThatThrownBy(() -> review.diff("routng", 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no rulebook named routng");
    }
}
