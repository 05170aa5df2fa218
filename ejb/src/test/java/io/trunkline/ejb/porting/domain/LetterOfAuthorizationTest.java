package io.trunkline.ejb.porting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.porting.domain.LetterOfAuthorization.LoaRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class LetterOfAuthorizationTest {

    private static final Instant GENERATED = Instant.parse("2026-12-04T09:30:00Z");

    static LoaRequest request(List<String> numbers, String losing, String gaining) {
        return new LoaRequest(4711, "Acme Logistics Ltd", numbers, losing, gaining, "pbx-london-1",
                LocalDate.of(2027, 1, 15), GENERATED);
    }

    static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("+4420791%05d", i)).toList();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = PDDocument.load(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void oneNumberFitsOneA4PageWithEverythingTheCarrierChecks() throws IOException {
        byte[] pdf = LetterOfAuthorization.pdf(request(List.of("+442079460000"), "Carrier A Telecom", "Carrier B Networks"));

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = PDDocument.load(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = doc.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(box.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Letter of Authorization PORT-4711");
        }
        String text = text(pdf);
        assertThat(text).contains("Letter of Authorization", "PORT-4711", "+442079460000", "Carrier A Telecom",
                "Carrier B Networks", "Acme Logistics Ltd", "pbx-london-1", "15 January 2027", "2026-12-04 09:30 UTC",
                "Name:", "Title:", "Signature:", "Date:");
        // The paragraph wraps where it will: its words are read as one line.
        assertThat(text.replaceAll("\\s+", " ")).contains("authorise Carrier B Networks to act on our behalf to port "
                + "these numbers away from Carrier A Telecom to Carrier B Networks");
    }

    @Test
    void aThousandNumbersAreWrappedOverPagesAndEveryOneIsThere() throws IOException {
        List<String> numbers = numbers(1000);
        byte[] pdf = LetterOfAuthorization.pdf(request(numbers, "Carrier A", "Carrier B"));

        try (PDDocument doc = PDDocument.load(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            String last = new PDFTextStripper() {
                {
                    setStartPage(doc.getNumberOfPages());
                }
            }.getText(doc);
            assertThat(last).contains("Signature:", "PORT-4711, page " + doc.getNumberOfPages() + " of " + doc.getNumberOfPages());
        }
        String text = text(pdf);
        assertThat(numbers).allSatisfy(n -> assertThat(text).contains(n));
        assertThat(text).contains("Numbers to be ported (1000)", "(continued)", "15 January 2027");
    }

    @Test
    void textTheStandardFontsCannotDrawIsTransliteratedOrReplaced() throws IOException {
        byte[] pdf = LetterOfAuthorization.pdf(request(List.of("+48221234567"), "Łódź Telekom Sp. z o.o.",
                "Carrier \uD83D\uDE80 Ltd"));

        String text = text(pdf);
        assertThat(text).contains("Lódz Telekom Sp. z o.o.", "Carrier ? Ltd", "+48221234567");
        assertThat(LetterOfAuthorization.printable("Łódź 東京\u0007€")).isEqualTo("Lódz ?? €");
    }

    @Test
    void anIncompleteRequestIsRefusedBeforeAnyPdfIsWritten() {
        assertThatThrownBy(() -> request(List.of(), "A", "B")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbers");
        assertThatThrownBy(() -> request(List.of("+442079460000"), " ", "B")).hasMessageContaining("losingCarrier");
        assertThatThrownBy(() -> new LoaRequest(0, "E", List.of("+1"), "A", "B", "p", LocalDate.now(), GENERATED))
                .hasMessageContaining("portId");
    }
}
