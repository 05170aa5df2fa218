package io.trunkline.edge.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 400 JAIN-SIP RI answers by itself to a UDP request it cannot parse ({@code MessageChannel.createBadReqRes},
 * final in the stack) is not well formed: an empty line between its {@code Content-Type: message/sipfrag} and its
 * {@code Content-Length} ends the header block early, so the length and the request echoed after it read as a body of
 * no stated length; when the echo would not fit a datagram, the header block has no end at all. The echo also makes
 * the answer larger than the request (a reflection amplifier towards a forged source address). Such an answer leaves
 * the node as its status line and the headers the stack copied from the request (Vias, CSeq, Call-ID, From, To with
 * the stack's tag), with {@code Content-Length: 0} and the empty line: what Kamailio's {@code sl_send_reply} sends.
 * The stack's other automatic 400 (a CSeq whose method is not the request's) gets the To tag it lacks.
 */
final class AutomaticBadRequest {

    private static final byte[] STATUS = ascii("SIP/2.0 400 ");
    private static final byte[] SIPFRAG = ascii("\r\nContent-Type: message/sipfrag\r\n\r\nContent-Length: ");
    private static final byte[] NO_BODY_TAIL = ascii("\r\nContent-Length: 0\r\n");
    private static final byte[] END_OF_HEADERS = ascii("\r\n\r\n");
    private static final byte[] CLOSING = ascii("\r\nContent-Length: 0\r\n\r\n");
    /** The To header's line (its name or compact form), without its line end. */
    private static final java.util.regex.Pattern TO =
            java.util.regex.Pattern.compile("(?i)(?<=\r\n)(?:To|t)[ \t]*:[^\r\n]*");

    private AutomaticBadRequest() {
    }

    /** {@code message} made well formed when it is one of the stack's automatic 400s; any other message as it is. */
    static byte[] repaired(byte[] message) {
        if (!startsWith(message, STATUS)) {
            return message;
        }
        return tagged(framed(message));
    }

    /** The stack's 400 to an unparseable request with its header block ended and without the echo. */
    private static byte[] framed(byte[] message) {
        int cut = indexOf(message, SIPFRAG, message.length);
        if (cut < 0) {
            // The form without the echo: a header block that never ends.
            int end = message.length - NO_BODY_TAIL.length;
            if (end < 0 || indexOf(message, END_OF_HEADERS, message.length) >= 0
                    || !Arrays.equals(message, end, message.length, NO_BODY_TAIL, 0, NO_BODY_TAIL.length)) {
                return message;
            }
            cut = end;
        }
        byte[] out = Arrays.copyOf(message, cut + CLOSING.length);
        System.arraycopy(CLOSING, 0, out, cut, CLOSING.length);
        return out;
    }

    /**
     * The 400 with a To tag: the stack's answer to a request whose CSeq method is not its method has none (RFC 3261
     * §8.2.6.2 wants one on every final answer); the node's fixed stateless tag is added to the To header's line.
     */
    private static byte[] tagged(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        java.util.regex.Matcher to = TO.matcher(text);
        if (headersEnd < 0 || !to.find() || to.start() > headersEnd || to.group().contains("tag=")) {
            return message;
        }
        return (text.substring(0, to.end()) + ";tag=" + SipTransport.STATELESS_TAG + text.substring(to.end()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] message, byte[] prefix) {
        return message.length >= prefix.length && Arrays.equals(message, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] message, byte[] part, int limit) {
        for (int i = 0; i + part.length <= limit; i++) {
            if (Arrays.equals(message, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
