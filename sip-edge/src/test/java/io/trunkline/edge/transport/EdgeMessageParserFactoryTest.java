package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

class EdgeMessageParserFactoryTest {

    private static final String OPTIONS = "OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
            + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:ping@127.0.0.1>\r\nCall-ID: c1@127.0.0.1\r\n"
            + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private static ParseException parseError(String message) {
        try {
            new EdgeMessageParserFactory().createMessageParser(null)
                    .parseSIPMessage(message.getBytes(StandardCharsets.ISO_8859_1), true, false,
                            // As the stack's message channels do: an unreadable header fails the message.
                            (ex, sipMessage, headerClass, header, text) -> {
                                throw ex;
                            });
        } catch (ParseException e) {
            return e;
        }
        throw new AssertionError("parsed: " + message);
    }

    @Test
    void aParseErrorsMessageIsOnePrintableLineWithoutTheParsersInternals() {
        assertThat(EdgeMessageParserFactory.reasonText("Content-Length: -999\n:For input string: \"\""))
                .isEqualTo("Content-Length: -999 :For input string: \"\"");
        assertThat(EdgeMessageParserFactory.reasonText("[C@58ca2c07 getNextChar: End of buffer"))
                .isEqualTo("End of buffer");
        assertThat(EdgeMessageParserFactory.reasonText("gov.nist.core.LexerCore@1f2e3d4 expected token"))
                .isEqualTo("expected token");
        assertThat(EdgeMessageParserFactory.reasonText("bad\u0000\r\n\t header (value)\u00ff"))
                .isEqualTo("bad header [value]");
        assertThat(EdgeMessageParserFactory.reasonText("\r\n")).isEqualTo("unreadable message");
        assertThat(EdgeMessageParserFactory.reasonText(null)).isEqualTo("unreadable message");
        assertThat(EdgeMessageParserFactory.reasonText("x".repeat(500)))
                .hasSize(EdgeMessageParserFactory.MAX_DETAIL).endsWith("...");
    }

    @Test
    void addressesInTheMessageAreKept() {
        assertThat(EdgeMessageParserFactory.reasonText("unsupported SIP version in start line: "
                + "OPTIONS sip:2001@abcdef.example.com SIP/7.0"))
                .isEqualTo("unsupported SIP version in start line: OPTIONS sip:2001@abcdef.example.com SIP/7.0");
    }

    @Test
    void theStacksOwnParseErrorsComeOutClean() {
        ParseException e = parseError(OPTIONS.replace("Content-Length: 0", "Content-Length: -999"));
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("-999");
        ParseException unclosed = parseError(OPTIONS.replace("From: <sip:a@127.0.0.1>", "From: \"Unclosed <sip:a@127.0.0.1>"));
        assertThat(unclosed.getMessage()).matches("[\\x20-\\x7e]+").doesNotContainPattern("\\[[A-Z]@");
        assertThat(unclosed.getCause()).as("the stack's own exception kept as the cause").isInstanceOf(ParseException.class);
    }

    @Test
    void anotherSipVersionIsAParseError() {
        assertThat(parseError(OPTIONS.replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia")).getMessage())
                .startsWith("unsupported SIP version in start line: OPTIONS");
        assertThatThrownBy(() -> EdgeMessageParserFactory.checkVersion("SIP/3.0 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(ParseException.class);
    }
}
