package io.trunkline.ejb.porting.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;

/**
 * The letter of authorization (LOA) with which an enterprise authorises the gaining carrier to port its numbers away
 * from the losing carrier: A4 pages in the standard 14 fonts (ISO 32000-1 §9.6.2.2; no font file embedded), its text
 * extractable, the numbers in columns over as many pages as they need, and a signature block the customer of record
 * signs by hand. Those fonts draw WinAnsi (Windows-1252) characters only, so other text is transliterated where a
 * letter has a plain Latin base ("Ł" → "L", "ő" → "o") and replaced by "?" otherwise, rather than failing inside
 * PDFBox; {@link #printable(String)} shows what a name becomes.
 */
public final class LetterOfAuthorization {

    /** What the letter says; {@code numbers} as the request gives them (E.164 numbers or ranges). */
    public record LoaRequest(long portId, String enterprise, List<String> numbers, String losingCarrier,
                             String gainingCarrier, String targetPbx, LocalDate requestedDate, Instant generatedAt) {

        public LoaRequest {
            if (portId <= 0) {
                throw new IllegalArgumentException("portId must be positive");
            }
            for (String[] f : new String[][] {{"enterprise", enterprise}, {"losingCarrier", losingCarrier},
                    {"gainingCarrier", gainingCarrier}, {"targetPbx", targetPbx}}) {
                if (f[1] == null || f[1].isBlank()) {
                    throw new IllegalArgumentException(f[0] + " is required");
                }
            }
            if (numbers == null || numbers.isEmpty() || numbers.stream().anyMatch(n -> n == null || n.isBlank())) {
                throw new IllegalArgumentException("numbers must list at least one number, none blank");
            }
            if (requestedDate == null || generatedAt == null) {
                throw new IllegalArgumentException("requestedDate and generatedAt are required");
            }
            numbers = List.copyOf(numbers);
        }

        public String reference() {
            return "PORT-" + portId;
        }
    }

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 56;
    static final float BODY = 10.5f;
    static final float LEADING = 15;
    static final int NUMBER_COLUMNS = 4;
    private static final PDType1Font REGULAR = PDType1Font.HELVETICA;
    private static final PDType1Font BOLD = PDType1Font.HELVETICA_BOLD;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private LetterOfAuthorization() {
    }

    public static byte[] pdf(LoaRequest r) {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Letter of Authorization " + r.reference());
            info.setSubject("Number porting from " + printable(r.losingCarrier()) + " to " + printable(r.gainingCarrier()));
            info.setProducer("Trunkline");
            Pages pages = new Pages(doc, r.reference());
            write(pages, r);
            pages.close();
            pages.footers();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("letter of authorization " + r.reference() + " could not be written", e);
        }
    }

    private static void write(Pages p, LoaRequest r) throws IOException {
        String enterprise = printable(r.enterprise());
        String losing = printable(r.losingCarrier());
        String gaining = printable(r.gainingCarrier());
        String date = DATE.format(r.requestedDate());
        p.line(BOLD, 18, "Letter of Authorization", 28);
        p.line(REGULAR, BODY, "Port reference: " + r.reference() + "    Generated: " + STAMP.format(r.generatedAt()), LEADING * 1.6f);
        p.field("Customer of record", enterprise);
        p.field("Losing carrier", losing);
        p.field("Gaining carrier", gaining);
        p.field("Target PBX", printable(r.targetPbx()));
        p.field("Requested port date", date);
        p.field("Numbers", String.valueOf(r.numbers().size()));
        p.gap(LEADING);
        p.paragraph("We, " + enterprise + ", the customer of record for the telephone numbers listed below, authorise "
                + gaining + " to act on our behalf to port these numbers away from " + losing + " to " + gaining
                + ", and to request from " + losing + " whatever is needed to do so. We ask that the numbers be ported on "
                + date + " or on the firm order commitment date the carriers agree, quoting the reference "
                + r.reference() + ". We understand that the service of " + losing + " on these numbers ends when the port "
                + "completes, and we confirm that we are authorised to request it.");
        p.gap(LEADING * 0.6f);
        p.line(BOLD, BODY, "Numbers to be ported (" + r.numbers().size() + ")", LEADING * 1.3f);
        List<String> numbers = r.numbers().stream().map(LetterOfAuthorization::printable).toList();
        for (int i = 0; i < numbers.size(); i += NUMBER_COLUMNS) {
            p.columns(numbers.subList(i, Math.min(numbers.size(), i + NUMBER_COLUMNS)));
        }
        p.gap(LEADING);
        p.keepTogether(LEADING * 11);
        p.line(BOLD, BODY, "Signed for " + enterprise, LEADING * 2);
        for (String label : new String[] {"Name", "Title", "Signature", "Date"}) {
            p.signatureLine(label);
        }
    }

    /**
     * The text as the standard fonts can draw it: letters decomposed and their marks dropped where WinAnsi lacks the
     * precomposed letter, a few letters with no decomposition ("Ł", "Đ", "ı") mapped to their base, control
     * characters made spaces, anything else "?" (one per code point, so an emoji is one "?").
     */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                b.append(' ');
            } else if (drawable(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(transliterated(cp));
            }
        });
        return b.toString();
    }

    /** Whether the standard fonts can draw the character: PDFBox's own WinAnsi encoder answers. */
    private static boolean drawable(int cp) {
        try {
            REGULAR.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static String transliterated(int cp) {
        switch (cp) {
            case 'Ł': return "L";
            case 'ł': return "l";
            case 'Đ': return "D";
            case 'đ': return "d";
            case 'ı': return "i";
            case 'Ħ': return "H";
            case 'ħ': return "h";
            default: break;
        }
        String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder();
        base.codePoints().forEach(c -> b.append(c != cp && drawable(c) ? new String(Character.toChars(c)) : "?"));
        return b.length() == 0 ? "?" : b.toString();
    }

    /** The page being written, a new one whenever the next line would not fit. */
    private static final class Pages {

        private final PDDocument doc;
        private final String reference;
        private final List<PDPage> all = new ArrayList<>();
        private PDPageContentStream out;
        private float y;

        Pages(PDDocument doc, String reference) throws IOException {
            this.doc = doc;
            this.reference = reference;
            newPage();
        }

        private void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            all.add(page);
            out = new PDPageContentStream(doc, page);
            y = PAGE.getHeight() - MARGIN;
            if (all.size() > 1) {
                line(BOLD, BODY, "Letter of Authorization " + reference + " (continued)", LEADING * 1.6f);
            }
        }

        /** Room for {@code height} more points above the footer, on this page or the next. */
        void keepTogether(float height) throws IOException {
            if (y - height < MARGIN + LEADING) {
                newPage();
            }
        }

        void gap(float height) {
            y -= height;
        }

        void line(PDType1Font font, float size, String text, float advance) throws IOException {
            keepTogether(advance);
            show(font, size, MARGIN, y - size, text);
            y -= advance;
        }

        void field(String label, String value) throws IOException {
            keepTogether(LEADING);
            show(BOLD, BODY, MARGIN, y - BODY, label + ":");
            show(REGULAR, BODY, MARGIN + 130, y - BODY, value);
            y -= LEADING;
        }

        void paragraph(String text) throws IOException {
            float width = PAGE.getWidth() - 2 * MARGIN;
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String next = current.length() == 0 ? word : current + " " + word;
                if (current.length() > 0 && REGULAR.getStringWidth(next) / 1000 * BODY > width) {
                    line(REGULAR, BODY, current.toString(), LEADING);
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(next);
                }
            }
            if (current.length() > 0) {
                line(REGULAR, BODY, current.toString(), LEADING);
            }
        }

        void columns(List<String> cells) throws IOException {
            keepTogether(LEADING);
            float width = (PAGE.getWidth() - 2 * MARGIN) / NUMBER_COLUMNS;
            for (int i = 0; i < cells.size(); i++) {
                show(REGULAR, BODY, MARGIN + i * width, y - BODY, cells.get(i));
            }
            y -= LEADING;
        }

        void signatureLine(String label) throws IOException {
            keepTogether(LEADING * 2);
            show(REGULAR, BODY, MARGIN, y - BODY, label + ":");
            out.setLineWidth(0.5f);
            out.moveTo(MARGIN + 70, y - BODY - 2);
            out.lineTo(MARGIN + 330, y - BODY - 2);
            out.stroke();
            y -= LEADING * 2;
        }

        private void show(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, baseline);
            out.showText(text);
            out.endText();
        }

        void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }

        /** "PORT-n, page i of N" at the foot of every page, once the number of pages is known. */
        void footers() throws IOException {
            for (int i = 0; i < all.size(); i++) {
                try (PDPageContentStream f = new PDPageContentStream(doc, all.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    f.beginText();
                    f.setFont(REGULAR, 8);
                    f.newLineAtOffset(MARGIN, MARGIN / 2);
                    f.showText(reference + ", page " + (i + 1) + " of " + all.size());
                    f.endText();
                }
            }
        }
    }
}
