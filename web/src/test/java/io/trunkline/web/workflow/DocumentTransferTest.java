package io.trunkline.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.workflow.api.DocumentView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentTransferTest {

    /** A body of {@code size} bytes that counts what was taken from it. */
    static final class CountingBody extends InputStream {
        private final long size;
        long read;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return read < size ? (int) (read++ & 0x7F) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            read += n;
            return n;
        }
    }

    @Test
    void aBodyOverTheLimitIsReadOnlyToOneBytePastIt() throws IOException {
        CountingBody body = new CountingBody(50_000_000);
        byte[] read = DocumentTransfer.readAtMost(body, 100_000);
        assertThat(read).hasSize(100_001);
        assertThat(body.read).isEqualTo(100_001);
    }

    @Test
    void aBodyAtOrUnderTheLimitIsReadWhole() throws IOException {
        assertThat(DocumentTransfer.readAtMost(new CountingBody(100_000), 100_000)).hasSize(100_000);
        assertThat(DocumentTransfer.readAtMost(new ByteArrayInputStream(new byte[] {1, 2, 3}), 100)).containsExactly(1, 2, 3);
        assertThat(DocumentTransfer.readAtMost(new ByteArrayInputStream(new byte[0]), 100)).isEmpty();
    }

    @Test
    void theFileNameIsQuotedSafelyWithAUtf8FormWhenNeeded() {
        assertThat(DocumentTransfer.attachment("loa-signed.pdf")).isEqualTo("attachment; filename=\"loa-signed.pdf\"");
        assertThat(DocumentTransfer.attachment("a \"quoted\" \\name.pdf"))
                .isEqualTo("attachment; filename=\"a _quoted_ _name.pdf\"");
        assertThat(DocumentTransfer.attachment("Łódź LOA; x=1.pdf")).isEqualTo(
                "attachment; filename=\"__d_ LOA; x=1.pdf\"; filename*=UTF-8''%C5%81%C3%B3d%C5%BA%20LOA%3B%20x%3D1.pdf");
    }

    @Test
    void theDigestIsTheStoredSha256InBase64() {
        // RFC 3230 with SHA-256 of "abc" (FIPS 180-2 B.1).
        assertThat(DocumentTransfer.digest("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
                .isEqualTo("sha-256=ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }

    @Test
    void aDocumentIsWrittenWithoutItsBytes() {
        DocumentView v = new DocumentView(7, 42, "loa.pdf", "UPLOAD", "application/pdf", 1234, "ab".repeat(32),
                "carol", Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(WorkflowJson.write(Map.of("documents", java.util.List.of(WorkflowJson.document(v))))).isEqualTo(
                "{\"documents\":[{\"id\":7,\"workflowId\":42,\"name\":\"loa.pdf\",\"kind\":\"UPLOAD\","
                        + "\"contentType\":\"application/pdf\",\"size\":1234,\"sha256\":\"" + "ab".repeat(32)
                        + "\",\"addedBy\":\"carol\",\"addedAt\":\"2026-12-04T10:00:00Z\"}]}");
    }
}
