package io.trunkline.edge.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * JAIN-SIP RI's parser reads any {@code SIP/x.y} in a start line as SIP/2.0. RFC 3261 §8.2.2.1 and
 * RFC 4475 §3.1.2.18 say a version the element does not speak must not be processed as if it were 2.0:
 * this parser refuses it as a parse error (the stack answers a request 400 and drops a response).
 */
public final class StrictVersionParserFactory implements MessageParserFactory {

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new StrictVersionParser();
    }

    static final class StrictVersionParser extends StringMsgParser {
        @Override
        public SIPMessage parseSIPMessage(byte[] message, boolean readBody, boolean strict,
                                          ParseExceptionListener listener) throws ParseException {
            checkVersion(message);
            return super.parseSIPMessage(message, readBody, strict, listener);
        }
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
