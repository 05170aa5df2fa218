package io.trunkline.ejb.stir.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a published signing certificate is flagged for renewal, against the fixture chain's real end date. */
class ExpiryNoticeTest {

    @Test
    void aCertificateIsFlaggedThirtyDaysBeforeItsEndAndCriticalOnceItHasEnded() throws IOException {
        PublishedChain chain = PublishedChain.read("edge-1", PublishedChainTest.fixture("chain.pem"));
        Instant end = chain.notAfter();

        assertThat(ExpiryNotice.of(chain, end.minus(Duration.ofDays(31)))).as("31 days left").isEmpty();

        ExpiryNotice soon = ExpiryNotice.of(chain, end.minus(Duration.ofDays(12))).orElseThrow();
        assertThat(soon.severity()).isEqualTo("WARNING");
        assertThat(soon.title()).isEqualTo("Signing certificate expires within 30 days");
        assertThat(soon.details()).contains("CN=edge-1 SHAKEN", "published as edge-1", "in 12 days", end.toString());

        ExpiryNotice over = ExpiryNotice.of(chain, end.plusSeconds(1)).orElseThrow();
        assertThat(over.severity()).isEqualTo("CRITICAL");
        assertThat(over.title()).isEqualTo("Signing certificate expired");
        assertThat(over.details()).contains("437");
    }
}
