package io.trunkline.web.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {

    @Test
    void aDeclaredLengthOverTheLimitIs413NamingBoth() {
        ApiException e = catchThrowableOfType(() -> RequestBodyLimit.check(20_971_520, 8_388_608), ApiException.class);
        assertThat(e.status().getStatusCode()).isEqualTo(413);
        assertThat(e.error()).isEqualTo("payload_too_large");
        assertThat(e.getMessage()).isEqualTo("body: the request body of 20971520 bytes is over the limit of 8388608 bytes");
        assertThatCode(() -> RequestBodyLimit.check(8_388_608, 8_388_608)).doesNotThrowAnyException();
        assertThatCode(() -> RequestBodyLimit.check(-1, 8_388_608)).as("no Content-Length: counted as read").doesNotThrowAnyException();
    }

    @Test
    void aBodyWithoutLengthIsCountedAsReadAndStoppedPastTheLimit() throws IOException {
        try (InputStream in = new RequestBodyLimit.LimitedStream(new ByteArrayInputStream(new byte[100]), 100)) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
        InputStream over = new RequestBodyLimit.LimitedStream(new ByteArrayInputStream(new byte[101]), 100);
        assertThat(over.read(new byte[60], 0, 60)).isEqualTo(60);
        assertThat(over.read()).isZero();
        ApiException e = catchThrowableOfType(over::readAllBytes, ApiException.class);
        assertThat(e.status().getStatusCode()).isEqualTo(413);
        assertThat(e.getMessage()).isEqualTo("body: the request body is over the limit of 100 bytes");
    }

    @Test
    void theDefaultStaysBelowTheServersOwnCap() {
        assertThat(RequestBodyLimit.DEFAULT_MAX_BYTES).isLessThan(10_485_760L);
    }

    @Test
    void onlyADocumentUploadBoundsItsOwnBody() {
        assertThat(RequestBodyLimit.ownLimit("POST", "/workflows/42/documents")).isTrue();
        assertThat(RequestBodyLimit.ownLimit("POST", "workflows/42/documents/")).isTrue();
        assertThat(RequestBodyLimit.ownLimit("PUT", "/workflows/42/documents")).isFalse();
        assertThat(RequestBodyLimit.ownLimit("POST", "/workflows/42/cancel")).isFalse();
        assertThat(RequestBodyLimit.ownLimit("POST", "/workflows/42/documents/7")).isFalse();
        assertThat(RequestBodyLimit.ownLimit("POST", "/rulebooks/x/workflows/42/documents")).isFalse();
        assertThat(RequestBodyLimit.ownLimit("POST", null)).isFalse();
    }
}
