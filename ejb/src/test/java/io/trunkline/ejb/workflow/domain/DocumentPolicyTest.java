package io.trunkline.ejb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.workflow.api.DocumentTooLarge;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentPolicyTest {

    static final byte[] PDF = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0};

    @Test
    void acceptsPdfPngAndJpegWhoseBytesMatchTheirType() {
        assertThat(DocumentPolicy.upload("application/pdf", PDF, 1000)).isEqualTo("application/pdf");
        assertThat(DocumentPolicy.upload("Application/PDF; charset=binary", PDF, 1000)).isEqualTo("application/pdf");
        assertThat(DocumentPolicy.upload("image/png", PNG, 1000)).isEqualTo("image/png");
        assertThat(DocumentPolicy.upload("image/jpeg", JPEG, 1000)).isEqualTo("image/jpeg");
    }

    @Test
    void refusesAZipDeclaredAsPdfSayingWhatItStartsWith() {
        assertThatThrownBy(() -> DocumentPolicy.upload("application/pdf", ZIP, 1000))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("content"))
                .hasMessageContaining("is not a PDF: it starts with \"PK\\x03\\x04");
    }

    @Test
    void refusesAPdfDeclaredAsPngNamingTheTypeItIs() {
        assertThatThrownBy(() -> DocumentPolicy.upload("image/png", PDF, 1000))
                .isInstanceOf(InvalidWorkflowInput.class)
                .hasMessageContaining("is not a PNG image")
                .hasMessageContaining("a PDF, application/pdf");
    }

    @Test
    void refusesOtherTypesEmptyContentAndBadMediaTypes() {
        assertThatThrownBy(() -> DocumentPolicy.upload("application/zip", ZIP, 1000))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("content"))
                .hasMessageContaining("not application/zip");
        assertThatThrownBy(() -> DocumentPolicy.upload("application/pdf", new byte[0], 1000))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("content"))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> DocumentPolicy.upload("pdf", PDF, 1000))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("contentType"));
        assertThatThrownBy(() -> DocumentPolicy.upload(null, PDF, 1000)).isInstanceOf(InvalidWorkflowInput.class);
    }

    @Test
    void refusesContentOverTheLimitButNotAtIt() {
        assertThat(DocumentPolicy.upload("application/pdf", PDF, PDF.length)).isEqualTo("application/pdf");
        assertThatThrownBy(() -> DocumentPolicy.upload("application/pdf", PDF, PDF.length - 1))
                .isInstanceOfSatisfying(DocumentTooLarge.class, e -> assertThat(e.limit()).isEqualTo(PDF.length - 1))
                .hasMessageContaining("limit of " + (PDF.length - 1) + " bytes");
        assertThatThrownBy(() -> DocumentPolicy.generated("application/zip", ZIP, 4)).isInstanceOf(DocumentTooLarge.class);
    }

    @Test
    void generatedFilesMayBeAnyMediaType() {
        assertThat(DocumentPolicy.generated("application/zip", ZIP, 1000)).isEqualTo("application/zip");
        assertThatThrownBy(() -> DocumentPolicy.generated("zip", ZIP, 1000)).isInstanceOf(InvalidWorkflowInput.class);
    }

    @Test
    void namesAreFileNamesOfOneTo255Characters() {
        assertThat(DocumentPolicy.name("  LOA signed (Łódź).pdf ")).isEqualTo("LOA signed (Łódź).pdf");
        assertThat(DocumentPolicy.name("a".repeat(255))).hasSize(255);
        for (String bad : new String[] {null, "", "   ", "a".repeat(256), "../loa.pdf", "scans/loa.pdf",
                "C:\\loa.pdf", "loa\n.pdf", "loa\u0000.pdf", "..", "loa\u2028.pdf"}) {
            assertThatThrownBy(() -> DocumentPolicy.name(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("name"));
        }
    }

    @Test
    void sha256IsLowerCaseHexOfTheContent() {
        // FIPS 180-2 Appendix B.1: SHA-256("abc").
        assertThat(DocumentPolicy.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
