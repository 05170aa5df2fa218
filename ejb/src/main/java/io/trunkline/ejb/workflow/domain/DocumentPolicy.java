package io.trunkline.ejb.workflow.domain;

import io.trunkline.ejb.workflow.api.DocumentTooLarge;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a workflow document must be before it is stored. Uploads are evidence a person scanned or signed: a PDF
 * (ISO 32000-1 §7.5.2: the file begins with the header {@code %PDF-}), or a PNG (ISO/IEC 15948 §5.2 signature) or
 * JPEG (ITU-T T.81 Annex B: SOI marker {@code FF D8 FF}) scan; the declared media type and the bytes must agree,
 * so a renamed file is refused rather than served back under a false type. Generated files may be of any media
 * type the platform names (an evidence package is a ZIP). Names are file names, never paths.
 */
public final class DocumentPolicy {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final int MAX_NAME = 255;
    /** The audit trail's kind for a stored document. */
    public static final String EVENT_KIND = "DOCUMENT_ADDED";

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    /** RFC 6838 §4.2: type "/" subtype, restricted names; parameters (charset...) are dropped before the check. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}");

    private DocumentPolicy() {
    }

    /** The name as stored (trimmed). @throws InvalidWorkflowInput field {@code name} */
    public static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.codePointCount(0, n.length()) > MAX_NAME) {
            throw new InvalidWorkflowInput("name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (n.equals(".") || n.equals("..")) {
            throw new InvalidWorkflowInput("name", "must be a file name, not " + n);
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '/' || c == '\\') {
                throw new InvalidWorkflowInput("name", "must be a file name without path separators (/ or \\)");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidWorkflowInput("name", "must not hold control characters (U+"
                        + String.format("%04X", (int) c) + " at " + i + ")");
            }
        }
        return n;
    }

    /** The media type without parameters, lower case. @throws InvalidWorkflowInput field {@code contentType} */
    public static String mediaType(String contentType) {
        String t = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(t).matches()) {
            throw new InvalidWorkflowInput("contentType", "must be a media type such as " + PDF);
        }
        return t;
    }

    /** Checks a person's upload; answers its media type. */
    public static String upload(String contentType, byte[] content, long maxBytes) {
        String type = mediaType(contentType);
        size(content, maxBytes);
        switch (type) {
            case PDF -> expect(content, PDF_MAGIC, "a PDF");
            case PNG -> expect(content, PNG_MAGIC, "a PNG image");
            case JPEG -> expect(content, JPEG_MAGIC, "a JPEG image");
            default -> throw new InvalidWorkflowInput("content", "must be " + PDF + ", " + PNG + " or " + JPEG
                    + ", not " + type);
        }
        return type;
    }

    /** Checks a generated file; answers its media type. */
    public static String generated(String contentType, byte[] content, long maxBytes) {
        String type = mediaType(contentType);
        size(content, maxBytes);
        return type;
    }

    static void size(byte[] content, long maxBytes) {
        if (content == null || content.length == 0) {
            throw new InvalidWorkflowInput("content", "is empty");
        }
        if (content.length > maxBytes) {
            throw new DocumentTooLarge(maxBytes);
        }
    }

    private static void expect(byte[] content, byte[] magic, String what) {
        if (!startsWith(content, magic)) {
            String actual = detected(content);
            throw new InvalidWorkflowInput("content", "is not " + what + ": it starts with " + shown(content)
                    + (actual == null ? "" : " (" + actual + "; the content type must say so)"));
        }
    }

    /** What the bytes are, when they are one of the accepted kinds. */
    static String detected(byte[] content) {
        if (startsWith(content, PDF_MAGIC)) {
            return "a PDF, " + PDF;
        }
        if (startsWith(content, PNG_MAGIC)) {
            return "a PNG image, " + PNG;
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return "a JPEG image, " + JPEG;
        }
        return null;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes as printable ASCII where they are, hex otherwise: {@code "PK\x03\x04"}. */
    static String shown(byte[] content) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(8, content.length); i++) {
            int c = content[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02X", c));
            }
        }
        return b.append('"').toString();
    }

    /** The audit trail's detail for a stored document: {@code name (size bytes, sha256 hex)}. */
    public static String eventDetail(DocumentView d) {
        return d.name() + " (" + d.size() + " bytes, sha256 " + d.sha256() + ")";
    }

    /** SHA-256 of the content, lower-case hex (FIPS 180-4). */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
