package io.trunkline.web.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.web.support.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The counters and blocks API's parameters: subjects made from path segments, reasons and limits; bad ones 400. */
class FraudResourceTest {

    @Test
    void subjectsFromTheirPathSegments() {
        assertThat(FraudResource.extension("hq-cucm", "2001").key()).isEqualTo("ext:hq-cucm/2001");
        assertThat(FraudResource.pbx("branch-asterisk").key()).isEqualTo("pbx:branch-asterisk");
        assertThat(FraudResource.prefix("+881").key()).isEqualTo("prefix:+881");
    }

    @ParameterizedTest(name = "{0}/{1} -> 400 on {2}")
    @CsvSource({
            "HQ CUCM, 2001, pbx",
            "hq-cucm, 20 01, extension",
            "hq-cucm, '', extension",
    })
    void aBadExtensionSubjectIsRefusedNamingItsSegment(String pbx, String extension, String field) {
        ApiException e = catchThrowableOfType(() -> FraudResource.extension(pbx, extension), ApiException.class);
        assertThat(e.status().getStatusCode()).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
    }

    @Test
    void aBadPrefixReasonOrLimitIsRefusedNamingIt() {
        assertThat(catchThrowableOfType(() -> FraudResource.prefix("+44abc"), ApiException.class).field()).isEqualTo("prefix");
        ApiException noReason = catchThrowableOfType(() -> FraudResource.reason(" "), ApiException.class);
        assertThat(noReason.field()).isEqualTo("reason");
        assertThat(noReason.getMessage()).contains("audit trail");
        assertThat(catchThrowableOfType(() -> FraudResource.reason("x".repeat(501)), ApiException.class).field())
                .isEqualTo("reason");
        assertThat(catchThrowableOfType(() -> FraudResource.limit("0"), ApiException.class).field()).isEqualTo("limit");
        assertThat(catchThrowableOfType(() -> FraudResource.limit("ten"), ApiException.class).getMessage()).contains("'ten'");
        assertThat(FraudResource.limit(null)).isEqualTo(100);
        assertThat(FraudResource.reason("  false positive, owner confirmed ")).isEqualTo("false positive, owner confirmed");
    }
}
