package io.trunkline.web.workflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** How a workflow document crosses HTTP: the upload read with a bound, the download's headers. */
final class DocumentTransfer {

    private DocumentTransfer() {
    }

    /**
     * At most {@code limit + 1} bytes of the body, whatever {@code Content-Length} claimed (a chunked body has none,
     * and a declared length may be false): a result longer than {@code limit} means the body is over it, and the rest
     * is never read into memory.
     */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        long cap = limit + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        while (total < cap) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, cap - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    /**
     * {@code Content-Disposition: attachment} with the file name (RFC 6266 §4.3): {@code filename} quoted, holding
     * printable ASCII only (others, quotes and backslashes become {@code _}, so the quoted string needs no escapes
     * a browser might read differently), and {@code filename*} (RFC 8187) with the name in UTF-8 when it is not
     * plain ASCII.
     */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean printable = c >= 0x20 && c < 0x7F;
            if (!printable) {
                plain = false;
            }
            ascii.append(printable && c != '"' && c != '\\' ? c : '_');
        }
        String header = "attachment; filename=\"" + ascii + "\"";
        return plain ? header : header + "; filename*=UTF-8''" + extValue(name);
    }

    /** RFC 8187 §3.2.1: attr-char kept, every other UTF-8 byte percent-encoded. */
    private static String extValue(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** {@code Digest} (RFC 3230, algorithm from RFC 5843): the SHA-256 in base64, from its stored hex. */
    static String digest(String sha256Hex) {
        return "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }
}
