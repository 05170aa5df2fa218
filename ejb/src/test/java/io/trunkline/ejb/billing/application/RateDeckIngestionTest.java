package io.trunkline.ejb.billing.application;

import io.trunkline.contract.telecom.CarrierId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.billing.api.IngestFiles.IngestedFile;
import io.trunkline.ejb.billing.domain.InMemoryIngestStore;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.FixedRoutingRepository;
import io.trunkline.ejb.routing.api.MasterDataException;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Rate decks through the port over an in-memory store: what is stored, quarantined, refused and set aside. */
class RateDeckIngestionTest {

    private static final String DECK = """
            prefix,rate_per_minute,connection_fee,effective_from,description
            1,0.0050,0,2026-12-01,USA and Canada
            44,zero,0,2026-12-01,United Kingdom
            1416,0.0042,0.0010,2026-12-01,"Canada, Toronto"
            """;

    private final InMemoryIngestStore store = new InMemoryIngestStore();
    private final RateDeckIngestion decks = new RateDeckIngestion(store,
            new RoutingDataHolder(new FixedRoutingRepository(RoutingFixtures.enterprise().build())), new Transactions());

    @Test
    void aDeckIsStoredWithItsRatesAndItsBadLineQuarantined() {
        IngestedFile f = decks.importDeck(new CarrierId("carrier-a"), "december.csv", bytes(DECK));

        assertThat(f.status()).isEqualTo("STORED");
        assertThat(f.source()).isEqualTo("ratedeck");
        assertThat(f.subject()).isEqualTo("carrier-a");
        assertThat(f.read()).isEqualTo(3);
        assertThat(f.stored()).isEqualTo(2);
        assertThat(f.quarantined()).isEqualTo(1);
        assertThat(store.rates("carrier-a")).extracting(r -> r.line().prefix()).containsExactlyInAnyOrder("1", "1416");
        assertThat(store.rates("carrier-a")).filteredOn(r -> r.line().prefix().equals("1416")).singleElement()
                .satisfies(r -> assertThat(r.line().ratePerMinute()).isEqualByComparingTo(new BigDecimal("0.0042")));
        assertThat(decks.quarantine(f.id(), 100)).singleElement().satisfies(q -> {
            assertThat(q.lineNumber()).isEqualTo(3);
            assertThat(q.raw()).contains("zero");
        });
    }

    @Test
    void theSameDeckAgainIsADuplicateAndStoresNoRateTwice() {
        decks.importDeck(new CarrierId("carrier-a"), "december.csv", bytes(DECK));

        IngestedFile again = decks.importDeck(new CarrierId("carrier-a"), "december-resent.csv", bytes(DECK));

        assertThat(again.status()).isEqualTo("DUPLICATE");
        assertThat(again.stored()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(store.rates("carrier-a")).hasSize(2);
    }

    @Test
    void aNewDeckForTheSameDatesReplacesTheRatesOfThoseDates() {
        decks.importDeck(new CarrierId("carrier-a"), "december.csv", bytes(DECK));

        decks.importDeck(new CarrierId("carrier-a"), "december-v2.csv", bytes("""
                prefix,rate_per_minute,connection_fee,effective_from
                1,0.0045,0,2026-12-01
                """));

        assertThat(store.rates("carrier-a")).singleElement()
                .satisfies(r -> assertThat(r.line().ratePerMinute()).isEqualByComparingTo(new BigDecimal("0.0045")));
    }

    @Test
    void aDeckForACarrierNotInMasterDataIsRefusedAndNothingIsRecorded() {
        assertThatThrownBy(() -> decks.importDeck(new CarrierId("carrier-x"), "x.csv", bytes(DECK)))
                .isInstanceOf(MasterDataException.class)
                .hasMessageContaining("carrier-x");
        assertThat(decks.recent(10)).isEmpty();
    }

    @Test
    void aFileWithoutAHeaderIsAnInputErrorNamingTheFile() {
        assertThatThrownBy(() -> decks.importDeck(new CarrierId("carrier-a"), "empty.csv", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carrier-a_empty.csv");
        assertThat(decks.recent(10)).isEmpty();
    }

    @Test
    void aFileTheRouteCouldNotReadIsListedAsRefusedWithItsReason() {
        decks.refuse("carrier-b_broken.csv", "not UTF-8");

        assertThat(decks.recent(10)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("REFUSED");
            assertThat(f.fileName()).isEqualTo("carrier-b_broken.csv");
            assertThat(f.reason()).isEqualTo("not UTF-8");
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
