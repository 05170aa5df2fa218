package io.trunkline.rules.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.testing.RulebookSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped classification rulebook: every table row and every fallback rule. */
class DestinationClassificationTest {

    private static RulebookSessions rules;

    @BeforeAll
    static void compile() {
        rules = new RulebookSessions();
    }

    static Destination classify(Destination d) {
        return rules.fire("classification-session", d);
    }

    @ParameterizedTest(name = "from {0}: {1} ({2}, {3}, {4}) is {5}")
    @CsvSource(nullValues = "-", value = {
            // table rows
            "US, 911, EMERGENCY, -, -, EMERGENCY, DestinationClassification_",
            "GB, 999, EMERGENCY, -, -, EMERGENCY, DestinationClassification_",
            "DE, 112, EMERGENCY, -, -, EMERGENCY, DestinationClassification_",
            "US, +18005550100, E164, US, TOLL_FREE, TOLL_FREE, DestinationClassification_",
            "US, +19005550100, E164, US, PREMIUM_RATE, PREMIUM, DestinationClassification_",
            "GB, +448001234567, E164, GB, TOLL_FREE, TOLL_FREE, DestinationClassification_",
            "GB, +449012345678, E164, GB, PREMIUM_RATE, PREMIUM, DestinationClassification_",
            // fallback rules
            "US, 2001, EXTENSION, -, -, INTERNAL, Extension is internal",
            "FR, 15, EMERGENCY, -, -, EMERGENCY, Dial plan said emergency",
            "US, +33800123456, E164, FR, TOLL_FREE, TOLL_FREE, Numbering plan says toll-free",
            "US, +3389123456, E164, FR, PREMIUM_RATE, PREMIUM, Numbering plan says premium rate",
            "US, +442071234567, E164, GB, FIXED_LINE, INTERNATIONAL, Other country is international",
            "US, +14165550123, E164, CA, FIXED_LINE_OR_MOBILE, INTERNATIONAL, Other country is international",
            "GB, +447700900123, E164, GB, MOBILE, MOBILE, Domestic mobile",
            "US, +12125551234, E164, US, FIXED_LINE_OR_MOBILE, DOMESTIC, Domestic",
    })
    void classifies(String site, String number, String type, String region, String line, String expected, String rule) {
        Destination d = classify(new Destination(site, number, type, region, line));
        assertThat(d.getCallClass()).isEqualTo(expected);
        assertThat(d.getTrace()).singleElement().asString().startsWith(rule);
    }

    @AfterAll
    static void everyTableRowFired() {
        assertThat(rules.coverage().rowsFired("DestinationClassification")).as("fired: %s", rules.coverage().fired())
                .isEqualTo(ClassificationTableSource.shipped().rowCount());
    }
}
