package io.trunkline.edge.overload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the receive thread reads of a datagram to refuse a new call before the stack parses it: whether it is an
 * INVITE outside a dialog (no To tag), its Call-ID, and the headers a response copies (RFC 3261 §8.2.6.2: Via, From,
 * To, Call-ID, CSeq). Anything it cannot read plainly is left to the stack, whose parser answers malformed requests:
 * {@link #read} returns null and the datagram is queued as usual. The bytes are read as ISO-8859-1, so a header's
 * UTF-8 bytes are copied into the answer unchanged.
 */
public final class RawInvite {

    private static final byte[] INVITE = "INVITE ".getBytes(StandardCharsets.US_ASCII);
    /** Headers beyond this many bytes are not looked at: such an INVITE goes to the stack. */
    static final int MAX_HEAD = 8192;

    /** A CSeq of an INVITE: a sequence number of at most ten digits, whitespace, the method (case matters, §7.1). */
    private static final Pattern INVITE_CSEQ = Pattern.compile("\\d{1,10}[ \\t]+INVITE");

    private enum Header { VIA, FROM, TO, CALL_ID, CSEQ, OTHER }

    private static final byte[][] NAMES = {
        ascii("via"), ascii("v"), ascii("from"), ascii("f"), ascii("to"), ascii("t"), ascii("call-id"), ascii("i"),
        ascii("cseq")};
    private static final Header[] NAMED = {
        Header.VIA, Header.VIA, Header.FROM, Header.FROM, Header.TO, Header.TO, Header.CALL_ID, Header.CALL_ID,
        Header.CSEQ};

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private final List<String> vias;
    private final String from;
    private final String to;
    private final String callId;
    private final String cseq;

    private RawInvite(List<String> vias, String from, String to, String callId, String cseq) {
        this.vias = vias;
        this.from = from;
        this.to = to;
        this.callId = callId;
        this.cseq = cseq;
    }

    private static final byte[] ACK = "ACK ".getBytes(StandardCharsets.US_ASCII);
    /** The To tag of every overload refusal ({@link #serviceUnavailable}, {@code OverloadRefusal}). */
    static final String REFUSAL_TAG = "overload";

    /**
     * Whether the datagram is the ACK of an overload refusal: an ACK request whose To carries the refusal's tag.
     * RFC 3261 §17.1.1.3: the caller acknowledges a 503 with an ACK that the refusing node, stateless, has no
     * transaction for; read here, it is dropped on arrival instead of parsed by the stack only to find no call
     * (Kamailio's sl module filters the ACKs of its stateless replies by their To tag the same way).
     */
    public static boolean acksRefusal(byte[] data, int offset, int length) {
        if (!startsWith(data, offset, length, ACK)) {
            return false;
        }
        int limit = offset + Math.min(length, MAX_HEAD);
        int headEnd = headEnd(data, offset, limit);
        if (headEnd < 0) {
            return false;
        }
        String to = null;
        int line = nextLine(data, offset, headEnd);
        while (line < headEnd) {
            int eol = lineEnd(data, line, headEnd);
            if (data[line] == ' ' || data[line] == '\t') {
                return false; // a folded header: the stack reads it
            }
            int colon = indexOf(data, line, eol, (byte) ':');
            if (colon <= line) {
                return false;
            }
            int nameStart = skipSpace(data, line, colon);
            if (header(data, nameStart, trimEnd(data, nameStart, colon)) == Header.TO) {
                if (to != null) {
                    return false;
                }
                int valueStart = skipSpace(data, colon + 1, eol);
                to = text(data, valueStart, trimEnd(data, valueStart, eol));
            }
            line = nextLine(data, eol, headEnd);
        }
        return to != null && REFUSAL_TAG.equals(tag(to));
    }

    /** Whether the datagram starts as an INVITE request line: the one test every datagram pays. */
    public static boolean isInvite(byte[] data, int offset, int length) {
        return startsWith(data, offset, length, INVITE);
    }

    private static boolean startsWith(byte[] data, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the INVITE's headers when it is an INVITE outside a dialog with every header a response needs, once;
     *     null otherwise (not an INVITE, a To tag, a header missing or repeated, a CSeq of another method)
     */
    public static RawInvite read(byte[] data, int offset, int length) {
        if (!isInvite(data, offset, length)) {
            return null;
        }
        int limit = offset + Math.min(length, MAX_HEAD);
        int headEnd = headEnd(data, offset, limit);
        if (headEnd < 0) {
            return null;
        }
        // The common case is read off the bytes, line by line, without a copy of the datagram: one small string per
        // header a response copies. A folded header (RFC 3261 §7.3.1) is rare; that head is read as text instead.
        Heads heads = new Heads();
        int line = nextLine(data, offset, headEnd);
        while (line < headEnd) {
            int eol = lineEnd(data, line, headEnd);
            if (data[line] == ' ' || data[line] == '\t') {
                return readText(data, offset, headEnd);
            }
            int colon = indexOf(data, line, eol, (byte) ':');
            if (colon <= line) {
                return null;
            }
            int nameStart = skipSpace(data, line, colon);
            Header header = header(data, nameStart, trimEnd(data, nameStart, colon));
            if (header != Header.OTHER) {
                int valueStart = skipSpace(data, colon + 1, eol);
                if (!heads.add(header, text(data, valueStart, trimEnd(data, valueStart, eol)))) {
                    return null;
                }
            }
            line = nextLine(data, eol, headEnd);
        }
        return heads.invite();
    }

    /** The headers a response copies, as they are read: each once, Vias in order. */
    private static final class Heads {
        private final List<String> vias = new ArrayList<>(2);
        private String from;
        private String to;
        private String callId;
        private String cseq;

        /** Takes one header's value; false when a header that may come once comes again. */
        boolean add(Header header, String value) {
            switch (header) {
                case VIA -> vias.add(value);
                case FROM -> from = once(from, value);
                case TO -> to = once(to, value);
                case CALL_ID -> callId = once(callId, value);
                case CSEQ -> cseq = once(cseq, value);
                case OTHER -> {
                    return true;
                }
            }
            return value != null;
        }

        /** The value, or null (refused by {@link #add}) when there was one already. */
        private static String once(String before, String value) {
            return before == null ? value : null;
        }

        /** The INVITE these headers make, or null when one is missing or is not what a new INVITE has. */
        RawInvite invite() {
            if (vias.isEmpty() || from == null || to == null || callId == null || callId.isEmpty() || cseq == null
                    || !INVITE_CSEQ.matcher(cseq).matches() || hasTag(to)) {
                return null;
            }
            return new RawInvite(List.copyOf(vias), from, to, callId, cseq);
        }
    }

    /** Which of the headers a response copies the name {@code data[start, end)} is, compared without case. */
    private static Header header(byte[] data, int start, int end) {
        for (int n = 0; n < NAMES.length; n++) {
            byte[] name = NAMES[n];
            if (name.length != end - start) {
                continue;
            }
            int i = 0;
            while (i < name.length && lower(data[start + i]) == name[i]) {
                i++;
            }
            if (i == name.length) {
                return NAMED[n];
            }
        }
        return Header.OTHER;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** Where the head ends (the first empty line's start, exclusive of its line break), or -1 within {@code limit}. */
    private static int headEnd(byte[] data, int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (data[i] == '\n') {
                if (data[i + 1] == '\n') {
                    return i;
                }
                if (data[i + 1] == '\r' && i + 2 < limit && data[i + 2] == '\n') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The start of the line after the one {@code from} is in (its LF or CRLF skipped), at most {@code end}. */
    private static int nextLine(byte[] data, int from, int end) {
        int i = from;
        while (i < end && data[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, end);
    }

    /** The end of the line starting at {@code from}, before its CR or LF. */
    private static int lineEnd(byte[] data, int from, int end) {
        int i = from;
        while (i < end && data[i] != '\n') {
            i++;
        }
        return i > from && data[i - 1] == '\r' ? i - 1 : i;
    }

    private static int indexOf(byte[] data, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whitespace as {@link String#strip} sees it in ISO-8859-1 (a stray CR before the line's end included). */
    private static boolean space(byte b) {
        return Character.isWhitespace((char) (b & 0xff));
    }

    private static int skipSpace(byte[] data, int from, int end) {
        int i = from;
        while (i < end && space(data[i])) {
            i++;
        }
        return i;
    }

    private static int trimEnd(byte[] data, int start, int end) {
        int i = end;
        while (i > start && space(data[i - 1])) {
            i--;
        }
        return i;
    }

    private static String text(byte[] data, int start, int end) {
        return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The head read as text, for the rare INVITE with a folded header. */
    private static RawInvite readText(byte[] data, int offset, int headEnd) {
        List<String> lines = unfold(new String(data, offset, headEnd - offset, StandardCharsets.ISO_8859_1));
        Heads heads = new Heads();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            byte[] name = line.substring(0, colon).strip().getBytes(StandardCharsets.ISO_8859_1);
            if (!heads.add(header(name, 0, name.length), line.substring(colon + 1).strip())) {
                return null;
            }
        }
        return heads.invite();
    }

    /** Header lines with continuation lines (RFC 3261 §7.3.1: starting with a space or tab) joined to theirs. */
    private static List<String> unfold(String head) {
        List<String> lines = new ArrayList<>();
        for (String raw : head.split("\r?\n")) {
            if (!lines.isEmpty() && !raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t')) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + raw.strip());
            } else {
                lines.add(raw);
            }
        }
        return lines;
    }

    /** Whether a To value carries a tag parameter: looked for outside quoted names and the bracketed URI. */
    static boolean hasTag(String to) {
        return tag(to) != null;
    }

    /** A To value's tag (its case kept), looked for outside quoted names and the bracketed URI; null without one. */
    static String tag(String to) {
        StringBuilder outside = new StringBuilder(to.length());
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < to.length(); i++) {
            char c = to.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (bracket) {
                bracket = c != '>';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                bracket = true;
            } else if (c != ' ' && c != '\t') {
                outside.append(c);
            }
        }
        String params = outside.toString();
        int at = params.toLowerCase(Locale.ROOT).indexOf(";tag=");
        if (at < 0) {
            return null;
        }
        int end = params.indexOf(';', at + 5);
        return params.substring(at + 5, end < 0 ? params.length() : end);
    }

    public String callId() {
        return callId;
    }

    /** The CSeq's sequence number (read checks it is one). */
    public long cseqNumber() {
        long n = 0;
        for (int i = 0; i < cseq.length() && cseq.charAt(i) >= '0' && cseq.charAt(i) <= '9'; i++) {
            n = n * 10 + (cseq.charAt(i) - '0');
        }
        return n;
    }

    /**
     * The stateless 503 with Retry-After to this INVITE (RFC 3261 §21.5.4, §8.2.7), with a fixed To tag and, when the
     * top Via asks for it (RFC 3581), the source's port in rport and its address in received.
     */
    public byte[] serviceUnavailable(String sourceIp, int sourcePort, int retryAfterSeconds) {
        StringBuilder r = new StringBuilder(512).append("SIP/2.0 503 ").append(OverloadRefusal.REASON).append("\r\n");
        for (int i = 0; i < vias.size(); i++) {
            r.append("Via: ").append(i == 0 ? withRport(vias.get(0), sourceIp, sourcePort) : vias.get(i)).append("\r\n");
        }
        r.append("From: ").append(from).append("\r\n")
                .append("To: ").append(to).append(";tag=").append(REFUSAL_TAG).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append("\r\n")
                .append("Retry-After: ").append(retryAfterSeconds).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        return r.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first via of a Via value with a bare rport filled in (RFC 3581 §4); any other value as it was. */
    static String withRport(String via, String ip, int port) {
        int comma = via.indexOf(',');
        String first = comma < 0 ? via : via.substring(0, comma);
        String rest = comma < 0 ? "" : via.substring(comma);
        String[] params = first.split(";", -1);
        StringBuilder out = new StringBuilder(first.length() + 40).append(params[0]);
        boolean filled = false;
        boolean received = false;
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.equalsIgnoreCase("rport")) {
                out.append(";rport=").append(port);
                filled = true;
            } else {
                received |= p.toLowerCase(Locale.ROOT).startsWith("received=");
                out.append(';').append(params[i]);
            }
        }
        if (filled && !received) {
            out.append(";received=").append(ip);
        }
        return out.append(rest).toString();
    }
}
