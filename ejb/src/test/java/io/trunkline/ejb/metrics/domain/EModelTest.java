package io.trunkline.ejb.metrics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Figures of ITU-T G.107 (Annex B) and the usual VoIP reduction of the E-model. */
class EModelTest {

    @Test
    void annexBMapsRatingToMos() {
        assertThat(EModel.mos(93.2)).as("G.107 default R").isCloseTo(4.41, within(0.01));
        assertThat(EModel.mos(80)).isCloseTo(4.02, within(0.01));
        assertThat(EModel.mos(60)).isCloseTo(3.10, within(0.01));
        assertThat(EModel.mos(50)).isCloseTo(2.58, within(0.01));
        assertThat(EModel.mos(0)).isEqualTo(1.0);
        assertThat(EModel.mos(100)).isEqualTo(4.5);
    }

    @Test
    void aCleanLanCallRatesNearTheTopAndLossOrDelayPullItDown() {
        double clean = EModel.mos(20, 2, 0);
        assertThat(EModel.rating(20, 2, 0)).as("34 ms effective delay: Id = 0.82").isCloseTo(92.38, within(0.01));
        assertThat(clean).isCloseTo(4.40, within(0.01));
        double lossy = EModel.mos(20, 2, 2);
        assertThat(EModel.rating(20, 2, 2)).as("2 % random loss, G.711 with PLC: Ie,eff = 95 · 2 / 27.1")
                .isCloseTo(92.38 - 7.01, within(0.01));
        assertThat(lossy).isLessThan(clean);
        double satellite = EModel.mos(300, 10, 0);
        assertThat(EModel.rating(300, 10, 0)).as("330 ms: Id = 0.024·330 + 0.11·(330 − 177.3)")
                .isCloseTo(93.2 - 7.92 - 16.797, within(0.01));
        assertThat(satellite).isLessThan(3.7).isGreaterThan(3.4);
    }
}
