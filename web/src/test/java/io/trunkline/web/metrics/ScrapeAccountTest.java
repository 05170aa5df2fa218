package io.trunkline.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapeAccountTest {

    @Test
    void withNoScrapeAccountConfiguredAnyoneScrapes() {
        assertThat(ScrapeAccount.check(null, null)).isEqualTo(ScrapeAccount.Verdict.ALLOWED);
        assertThat(ScrapeAccount.check(" ", null)).isEqualTo(ScrapeAccount.Verdict.ALLOWED);
        assertThat(ScrapeAccount.check(null, "ana")).isEqualTo(ScrapeAccount.Verdict.ALLOWED);
    }

    @Test
    void withOneConfiguredOnlyThatAccountScrapes() {
        assertThat(ScrapeAccount.check("prometheus", null)).as("no login: challenge")
                .isEqualTo(ScrapeAccount.Verdict.UNAUTHENTICATED);
        assertThat(ScrapeAccount.check("prometheus", "ana")).as("another account")
                .isEqualTo(ScrapeAccount.Verdict.FORBIDDEN);
        assertThat(ScrapeAccount.check("prometheus", "Prometheus")).as("names are exact")
                .isEqualTo(ScrapeAccount.Verdict.FORBIDDEN);
        assertThat(ScrapeAccount.check(" prometheus ", "prometheus")).isEqualTo(ScrapeAccount.Verdict.ALLOWED);
    }
}
