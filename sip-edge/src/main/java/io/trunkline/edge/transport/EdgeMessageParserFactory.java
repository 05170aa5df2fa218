package io.trunkline.edge.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.regex.Pattern;

/**
 * The stack's message parser, JAIN-SIP RI's, with two corrections.
 * <ul>
 * <li>It reads any {@code SIP/x.y} in a start line as SIP/2.0. RFC 3261 §8.2.2.1 and RFC 4475 §3.1.2.18 say a
 * version the element does not speak must not be processed as if it were 2.0: this parser refuses it as a parse
 * error (the stack answers a request 400 and drops a response).</li>
 * <li>The stack answers a request it cannot parse with {@code 400 Bad Request (<the parse error's message>)}. Those
 * messages hold line feeds (a reason phrase with one breaks the answer's framing: the caller reads the rest as a
 * header line), pieces of the offending message and the parser's internals ({@code [C@58ca2c07 getNextChar}). The
 * message is made fit for a reason phrase ({@link #reasonText(String)}) before the stack sees it.</li>
 * </ul>
 */
public final class EdgeMessageParserFactory implements MessageParserFactory {

    /** The longest detail a reason phrase carries; Kamailio's sanity module answers with a few words. */
    static final int MAX_DETAIL = 100;

    /** A Java object's default {@code toString} ({@code [C@58ca2c07}, {@code gov.nist...Lexer@1f2e3d}). */
    private static final Pattern IDENTITY =
            Pattern.compile("(?:\\[+[A-Z]|\\[+L[\\w.$]+;|[a-z][\\w$]*(?:\\.[\\w$]+)+)@[0-9a-f]{5,8}\\b");

    /** The parser's method names it prefixes to some messages ({@code getNextChar: End of buffer}). */
    private static final Pattern METHOD_PREFIX = Pattern.compile("\\b(?:getNextChar|consume|match|lookAhead)\\s*:\\s*");

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new EdgeMessageParser();
    }

    static final class EdgeMessageParser extends StringMsgParser {
        @Override
        public SIPMessage parseSIPMessage(byte[] message, boolean readBody, boolean strict,
                                          ParseExceptionListener listener) throws ParseException {
            try {
                checkVersion(message);
                return super.parseSIPMessage(message, readBody, strict, listener);
            } catch (ParseException e) {
                ParseException clean = new ParseException(reasonText(e.getMessage()), e.getErrorOffset());
                clean.initCause(e);
                throw clean;
            }
        }
    }

    /**
     * {@code message} as the detail of a reason phrase (RFC 3261 §25.1: {@code Reason-Phrase} is text without CR or
     * LF): printable ASCII only, every run of white space or control characters one space, Java object identities
     * and the parser's method names left out, parentheses (the stack wraps the detail in a pair) made square, at most
     * {@value #MAX_DETAIL} characters; "unreadable message" when nothing is left.
     */
    static String reasonText(String message) {
        if (message == null) {
            return "unreadable message";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_DETAIL + 3));
        boolean space = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c == '(' ? '[' : c == ')' ? ']' : c);
        }
        String text = METHOD_PREFIX.matcher(IDENTITY.matcher(out).replaceAll("")).replaceAll("")
                .replaceAll(" {2,}", " ").strip();
        if (text.startsWith(":")) {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            return "unreadable message";
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3).strip() + "...";
    }

    static void checkVersion(byte[] message) throws ParseException {
        int start = 0;
        while (start < message.length && (message[start] == '\r' || message[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < message.length && message[end] != '\r' && message[end] != '\n') {
            end++;
        }
        if (start == end) {
            return;
        }
        String line = new String(message, start, end - start, StandardCharsets.ISO_8859_1).trim();
        boolean response = line.regionMatches(true, 0, "SIP/", 0, 4);
        boolean ok = response ? line.regionMatches(true, 0, "SIP/2.0 ", 0, 8) : line.toUpperCase().endsWith(" SIP/2.0");
        if (!ok) {
            throw new ParseException("unsupported SIP version in start line: " + line, 0);
        }
    }
}
