package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AutomaticBadRequestTest {

    private static final String HEADERS = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\nCSeq: 8 INVITE\r\n"
            + "Call-ID: clerr.0ha0@192.0.2.1\r\nFrom: sip:caller@example.net;tag=93942939o2\r\n";

    private static String repaired(String message) {
        return new String(AutomaticBadRequest.repaired(message.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void theStacksAnswerWithTheRequestEchoedEndsItsHeadersAndDropsTheEcho() {
        String echoed = "SIP/2.0 400 Bad Request (Invalid content length 154 / 9999)\r\n" + HEADERS
                + "To: sip:j.user@example.com;tag=badreq\r\nContent-Type: message/sipfrag\r\n\r\nContent-Length: 500\r\n"
                + "\r\n\r\nINVITE sip:user@192.0.2.9 SIP/2.0\r\nContent-Length: 9999\r\n\r\nv=0\r\n";
        assertThat(repaired(echoed)).isEqualTo("SIP/2.0 400 Bad Request (Invalid content length 154 / 9999)\r\n"
                + HEADERS + "To: sip:j.user@example.com;tag=badreq\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void theStacksAnswerTooLargeToEchoGetsTheEmptyLineItLacks() {
        String open = "SIP/2.0 400 Bad Request (End of buffer)\r\n" + HEADERS
                + "To: sip:j.user@example.com;tag=badreq\r\nContent-Length: 0\r\n";
        assertThat(repaired(open)).isEqualTo(open + "\r\n");
    }

    @Test
    void theStacksAnswerToACSeqMismatchGetsAToTag() {
        String untagged = "SIP/2.0 400 Bad request\r\n" + HEADERS + "To: <sip:9011442071234567@127.0.0.1>\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertThat(repaired(untagged)).contains("To: <sip:9011442071234567@127.0.0.1>;tag=" + SipTransport.STATELESS_TAG
                + "\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void everyOtherMessageLeavesAsItIs() {
        String tagged = "SIP/2.0 400 Bad Request (missing or unreadable Max-Forwards)\r\n" + HEADERS
                + "To: <sip:a@example.com>;tag=x1\r\nContent-Length: 0\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\n" + HEADERS + "To: <sip:a@example.com>\r\nContent-Length: 0\r\n\r\n";
        String invite = "INVITE sip:a@example.com SIP/2.0\r\n" + HEADERS + "To: <sip:a@example.com>\r\n"
                + "Content-Type: message/sipfrag\r\n\r\nContent-Length: 3\r\n\r\nabc";
        byte[] same = tagged.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(AutomaticBadRequest.repaired(same)).isSameAs(same);
        assertThat(repaired(ok)).isEqualTo(ok);
        assertThat(repaired(invite)).isEqualTo(invite);
    }
}
