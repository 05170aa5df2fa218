package io.trunkline.rules.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.testing.RulebookSessions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped alert thresholds, every row hit, and the subjects that must raise nothing. */
class AlertThresholdsTest {

    private static RulebookSessions sessions;

    @BeforeAll
    static void compile() {
        sessions = new RulebookSessions();
    }

    @AfterAll
    static void everyRowFired() {
        assertThat(sessions.coverage().rowsFired("AlertThresholds")).isEqualTo(AlertThresholdsTableSource.shipped().rowCount());
    }

    private static List<String> titles(AlertSubject s) {
        return sessions.fire("alerts-session", s).getRaised().stream().map(AlertSubject.Raised::title).toList();
    }

    private static AlertSubject carrier(int attempts, Double asr, Double success, Long pdd, Double mos, boolean down,
                                        boolean silent, String incident) {
        return new AlertSubject("edge", "carrier", "carrier-a", attempts, asr, success, pdd, mos, down, silent, incident);
    }

    @Test
    void aHealthyCarrierRaisesNothing() {
        assertThat(titles(carrier(100, 55.0, 97.0, 1800L, 4.2, false, false, null))).isEmpty();
    }

    @Test
    void lowAsrRaisesACriticalAlertOnlyWithEnoughCalls() {
        AlertSubject low = sessions.fire("alerts-session", carrier(40, 20.0, 90.0, 1800L, 4.2, false, false, null));
        assertThat(low.getRaised()).singleElement().satisfies(r -> {
            assertThat(r.title()).isEqualTo("ASR below 35 %");
            assertThat(r.severity()).isEqualTo("CRITICAL");
            assertThat(r.escalateAfter()).isEqualTo("15m");
            assertThat(r.rule()).startsWith("AlertThresholds_");
        });
        assertThat(titles(carrier(19, 20.0, 90.0, 1800L, 4.2, false, false, null))).as("19 calls: not judged").isEmpty();
    }

    @Test
    void eachMeasureRaisesItsOwnAlert() {
        assertThat(titles(carrier(50, 50.0, 70.0, 1800L, 4.2, false, false, null))).containsExactly("Call success below 80 %");
        assertThat(titles(carrier(50, 50.0, 95.0, 6500L, 4.2, false, false, null))).containsExactly("PDD p95 above 5 s");
        assertThat(titles(carrier(50, 50.0, 95.0, 1800L, 3.1, false, false, null))).containsExactly("MOS below 3.5");
        assertThat(titles(carrier(0, null, null, null, null, true, false, null))).containsExactly("Trunk down");
        assertThat(titles(carrier(0, null, null, null, null, false, true, null))).containsExactly("No traffic in busy hours");
        assertThat(titles(carrier(0, null, null, null, null, false, false, "Degraded service in LON")))
                .containsExactly("Carrier reports an incident");
        assertThat(titles(carrier(60, 20.0, 60.0, 7000L, 2.9, true, false, null))).containsExactlyInAnyOrder(
                "Trunk down", "ASR below 35 %", "Call success below 80 %", "MOS below 3.5", "PDD p95 above 5 s");
    }

    @Test
    void pbxRowsJudgeOnlyPbxs() {
        AlertSubject pbx = new AlertSubject("cdr", "pbx", "hq-cucm", 30, 20.0, 70.0, null, 3.0, false, false, null);
        assertThat(titles(pbx)).containsExactlyInAnyOrder("Call success below 80 %", "MOS below 3.5");
        AlertSubject trunk = new AlertSubject("cdr", "class", "INTERNATIONAL", 30, 20.0, 70.0, null, 3.0, false, false, null);
        assertThat(titles(trunk)).isEmpty();
    }

    @Test
    void aCarrierWhoseInboundIdentitiesFailRaisesAnAlertOnceEnoughWereVerified() {
        AlertSubject failing = new AlertSubject("edge", "carrier", "carrier-b", 0, null, null, null, null, false, false,
                null, 40, 25.0);
        assertThat(titles(failing)).containsExactly("Inbound identity failures above 10 %");
        assertThat(titles(new AlertSubject("edge", "carrier", "carrier-b", 0, null, null, null, null, false, false,
                null, AlertSubject.MIN_IDENTITIES - 1, 60.0))).as("too few verified to judge").isEmpty();
        assertThat(titles(new AlertSubject("edge", "carrier", "carrier-b", 0, null, null, null, null, false, false,
                null, 200, 10.0))).as("at the threshold, not above").isEmpty();
    }
}
