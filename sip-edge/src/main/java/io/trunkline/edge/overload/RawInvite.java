package io.trunkline.edge.overload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** Whether the datagram starts as an INVITE request line: the one test every datagram pays. */
    public static boolean isInvite(byte[] data, int offset, int length) {
        if (length < INVITE.length) {
            return false;
        }
        for (int i = 0; i < INVITE.length; i++) {
            if (data[offset + i] != INVITE[i]) {
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
        String text = new String(data, offset, Math.min(length, MAX_HEAD), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        if (end < 0) {
            return null;
        }
        List<String> lines = unfold(text.substring(0, end));
        List<String> vias = new ArrayList<>(2);
        String from = null;
        String to = null;
        String callId = null;
        String cseq = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
                case "via", "v" -> vias.add(value);
                case "from", "f" -> {
                    if (from != null) {
                        return null;
                    }
                    from = value;
                }
                case "to", "t" -> {
                    if (to != null) {
                        return null;
                    }
                    to = value;
                }
                case "call-id", "i" -> {
                    if (callId != null) {
                        return null;
                    }
                    callId = value;
                }
                case "cseq" -> {
                    if (cseq != null) {
                        return null;
                    }
                    cseq = value;
                }
                default -> {
                }
            }
        }
        if (vias.isEmpty() || from == null || to == null || callId == null || callId.isEmpty() || cseq == null
                || !cseq.toUpperCase(Locale.ROOT).endsWith(" INVITE") || !cseq.matches("\\d{1,10}\\s+\\S+")
                || hasTag(to)) {
            return null;
        }
        return new RawInvite(List.copyOf(vias), from, to, callId, cseq);
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
                outside.append(Character.toLowerCase(c));
            }
        }
        return outside.indexOf(";tag=") >= 0;
    }

    public String callId() {
        return callId;
    }

    /** The CSeq's sequence number (read checks it is one). */
    public long cseqNumber() {
        return Long.parseLong(cseq.split("\\s+", 2)[0]);
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
                .append("To: ").append(to).append(";tag=overload\r\n")
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
