package io.trunkline.contract.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The contract's instants read as the JDK reads them: the same value, the same refusals. */
class UtcInstantsTest {

    @Test
    void everyWrittenInstantReadsBackAsTheJdkReadsIt() {
        SplittableRandom random = new SplittableRandom(20261206);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsAreTheJdksToAcceptOrRefuse() {
        for (String text : List.of("2026-12-06T18:48:35.8Z", "2026-12-06T18:48:35.12345678Z", "2026-12-06T23:59:60Z",
                "+12026-12-06T18:48:35Z", "2026-12-06T18:48:35+01:00", "2024-02-29T00:00:00Z", "2026-12-06T18:48Z", "2026-12-06t18:48:35z",
                "2026-12-06T24:00:00Z", "2026-12-06T24:00:01Z", "2026-12-06T18:48:35.Z")) {
            Instant jdk;
            try {
                jdk = Instant.parse(text);
            } catch (DateTimeParseException refused) {
                assertThatThrownBy(() -> UtcInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(UtcInstants.parse(text)).as(text).isEqualTo(jdk);
        }
        for (String bad : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-06T25:00:00Z",
                "2026-12-06T18:61:00Z", "2026-12-06T18:48:35.1234567890Z",
                "2026-12-06T18:48:3aZ", "2026-12-0T18:48:35Z", "", "not an instant at all..")) {
            assertThatThrownBy(() -> UtcInstants.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
