package io.trunkline.edge.overload;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

class RawInviteTest {

    private static final String SIPP_INVITE = String.join("\r\n",
            "INVITE sip:442071234567@127.0.0.1:5060 SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:17650;branch=z9hG4bK-1-1-0;rport",
            "From: sipp <sip:sipp@127.0.0.1:17650>;tag=1",
            "To: <sip:442071234567@127.0.0.1:5060>",
            "Call-ID: 1-4711@127.0.0.1",
            "CSeq: 1 INVITE",
            "Contact: sip:sipp@127.0.0.1:17650",
            "Max-Forwards: 70",
            "Content-Type: application/sdp",
            "Content-Length: 4",
            "",
            "v=0\n");

    private static RawInvite read(String text) {
        byte[] b = ("xx" + text).getBytes(StandardCharsets.ISO_8859_1);
        return RawInvite.read(b, 2, b.length - 2);
    }

    private static SIPResponse parse(byte[] answer) throws Exception {
        return (SIPResponse) new StringMsgParser().parseSIPMessage(answer, true, false, null);
    }

    @Test
    void aNewInviteIsReadAndItsRefusalIsAValid503ThatTheStackParses() throws Exception {
        RawInvite invite = read(SIPP_INVITE);
        assertThat(invite).isNotNull();
        assertThat(invite.callId()).isEqualTo("1-4711@127.0.0.1");
        assertThat(invite.cseqNumber()).isEqualTo(1L);
        SIPResponse r = parse(invite.serviceUnavailable("127.0.0.1", 17650, 7));
        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(r.getCallId().getCallId()).isEqualTo("1-4711@127.0.0.1");
        assertThat(r.getCSeq().getSeqNumber()).isEqualTo(1L);
        assertThat(r.getCSeq().getMethod()).isEqualTo("INVITE");
        assertThat(r.getFrom().getTag()).isEqualTo("1");
        assertThat(((ToHeader) r.getHeader(ToHeader.NAME)).getTag()).isEqualTo("overload");
        assertThat(((RetryAfterHeader) r.getHeader(RetryAfterHeader.NAME)).getRetryAfter()).isEqualTo(7);
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        assertThat(via.getBranch()).isEqualTo("z9hG4bK-1-1-0");
        assertThat(via.getRPort()).isEqualTo(17650);
        assertThat(via.getReceived()).isEqualTo("127.0.0.1");
        assertThat(r.getContentLength().getContentLength()).isZero();
    }

    @Test
    void compactFoldedAndRepeatedViasAreCopiedInOrder() throws Exception {
        RawInvite invite = read(String.join("\r\n",
                "INVITE sip:1@h SIP/2.0",
                "v: SIP/2.0/UDP proxy.example:5060;branch=z9hG4bKa,",
                "   SIP/2.0/UDP pbx.example:5070;branch=z9hG4bKb",
                "via: SIP/2.0/TCP phone.example;branch=z9hG4bKc",
                "f: \"Ana <x>;tag=no\" <sip:ana@pbx.example>;tag=77",
                "t: \"Bob;tag=inside\" <sip:1@h;tag=inside-uri>",
                "i: abc",
                "CSeq: 9 INVITE",
                "", ""));
        assertThat(invite).isNotNull();
        SIPResponse r = parse(invite.serviceUnavailable("10.0.0.9", 5070, 5));
        assertThat(r.getViaHeaders()).extracting(ViaHeader::getBranch)
                .containsExactly("z9hG4bKa", "z9hG4bKb", "z9hG4bKc");
        assertThat(((ViaHeader) r.getViaHeaders().getFirst()).getReceived()).as("no rport asked").isNull();
        assertThat(r.getFrom().getTag()).isEqualTo("77");
        assertThat(((ToHeader) r.getHeader(ToHeader.NAME)).getTag()).isEqualTo("overload");
    }

    @Test
    void headerNamesInAnyCaseSpacingAndBareLineFeedsAreRead() throws Exception {
        RawInvite invite = read(SIPP_INVITE.replace("\r\n", "\n").replace("Call-ID: ", "CALL-id :\t")
                .replace("CSeq: 1 INVITE", "cseq:\t42 \tINVITE  ").replace("From:", "FROM:"));
        assertThat(invite).isNotNull();
        assertThat(invite.callId()).isEqualTo("1-4711@127.0.0.1");
        assertThat(invite.cseqNumber()).isEqualTo(42L);
        SIPResponse r = parse(invite.serviceUnavailable("127.0.0.1", 17650, 3));
        assertThat(r.getCSeq().getSeqNumber()).isEqualTo(42L);
        assertThat(r.getCSeq().getMethod()).isEqualTo("INVITE");
        assertThat(r.getFrom().getTag()).isEqualTo("1");
        assertThat(r.getCallId().getCallId()).isEqualTo("1-4711@127.0.0.1");
        assertThat(read(SIPP_INVITE.replace("1 INVITE", "1 invite"))).as("methods are case-sensitive").isNull();
        assertThat(read(SIPP_INVITE.replace("Call-ID:", "Call-IDs:"))).as("another header: no Call-ID").isNull();
    }

    @Test
    void whatIsNotANewInviteWithEveryHeaderIsLeftToTheStack() {
        assertThat(read(SIPP_INVITE.replace("INVITE sip:", "OPTIONS sip:").replace("1 INVITE", "1 OPTIONS"))).isNull();
        assertThat(read(SIPP_INVITE.replace("To: <sip:442071234567@127.0.0.1:5060>",
                "To: <sip:442071234567@127.0.0.1:5060>;tag=abc"))).as("in a dialog").isNull();
        assertThat(read(SIPP_INVITE.replace("To: <sip:442071234567@127.0.0.1:5060>",
                "To: <sip:442071234567@127.0.0.1:5060> ; TAG=abc"))).as("tag in any case and spacing").isNull();
        assertThat(read(SIPP_INVITE.replace("Call-ID: 1-4711@127.0.0.1\r\n", ""))).as("no Call-ID").isNull();
        assertThat(read(SIPP_INVITE.replace("Call-ID: 1-4711@127.0.0.1\r\n",
                "Call-ID: a\r\nCall-ID: b\r\n"))).as("two Call-IDs").isNull();
        assertThat(read(SIPP_INVITE.replace("1 INVITE", "1 BYE"))).as("CSeq of another method").isNull();
        assertThat(read(SIPP_INVITE.replace("1 INVITE", "x INVITE"))).as("CSeq without a number").isNull();
        assertThat(read(SIPP_INVITE.replace("\r\n\r\n", "\r\n"))).as("no end of headers").isNull();
        assertThat(read(SIPP_INVITE.replace("Max-Forwards: 70", "garbage line"))).as("a line without a colon").isNull();
        assertThat(read("INVITE")).isNull();
        assertThat(read("")).isNull();
    }

    @Test
    void hostileDatagramsAreReadWithinTheirBoundsOrLeftToTheStack() throws Exception {
        String head = SIPP_INVITE.substring(0, SIPP_INVITE.indexOf("\r\n\r\n"));
        assertThat(read(head)).as("ends inside the headers").isNull();
        assertThat(read(head.substring(0, head.length() - 5))).as("ends mid-line").isNull();
        assertThat(read(SIPP_INVITE.replace("Max-Forwards: 70", "\r"))).as("a line of a bare CR").isNull();
        assertThat(read(SIPP_INVITE.replace("\r\n\r\n", "\n\r\n"))).as("LF CRLF ends the head").isNotNull();
        RawInvite crcr = read(SIPP_INVITE.replace("Call-ID: 1-4711@127.0.0.1\r\n", "Call-ID: 1-4711@127.0.0.1\r\r\n"));
        assertThat(crcr).isNotNull();
        assertThat(crcr.callId()).as("a stray CR is not part of the value").isEqualTo("1-4711@127.0.0.1");
        RawInvite lateFold = read(SIPP_INVITE.replace("Max-Forwards: 70", "Max-Forwards:\r\n 70"));
        assertThat(lateFold).as("a folded line after headers already read").isNotNull();
        assertThat(lateFold.callId()).isEqualTo("1-4711@127.0.0.1");

        // Only offset..offset+length is read: the bytes around it belong to other datagrams.
        byte[] invite = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] buffer = new byte[invite.length + 40];
        System.arraycopy(invite, 0, buffer, 7, invite.length);
        byte[] stale = "\r\n\r\nstale".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(stale, 0, buffer, 7 + invite.length, stale.length);
        assertThat(RawInvite.read(buffer, 7, invite.length)).as("the end of headers lies past the datagram").isNull();
        assertThat(RawInvite.read(buffer, 7, invite.length + 4)).isNotNull();
    }

    @Test
    void aHeadLongerThanTheLimitIsLeftToTheStack() {
        String big = SIPP_INVITE.replace("Max-Forwards: 70", "X-Pad: " + "a".repeat(RawInvite.MAX_HEAD));
        assertThat(read(big)).isNull();
    }

    @Test
    void hasTagLooksOutsideQuotesAndBrackets() {
        assertThat(RawInvite.hasTag("<sip:a@b>;tag=1")).isTrue();
        assertThat(RawInvite.hasTag("sip:a@b;tag=1")).isTrue();
        assertThat(RawInvite.hasTag("\"x;tag=1\" <sip:a@b>")).isFalse();
        assertThat(RawInvite.hasTag("\"x\\\";tag=1\" <sip:a@b>")).isFalse();
        assertThat(RawInvite.hasTag("<sip:a@b;tag=1>")).isFalse();
    }

    private static boolean acksRefusal(String text) {
        byte[] b = ("xx" + text).getBytes(StandardCharsets.ISO_8859_1);
        return RawInvite.acksRefusal(b, 2, b.length - 2);
    }

    @Test
    void theAckOfARefusalIsKnownByItsToTagAndNothingElseIs() throws Exception {
        // The ACK SIPp sends for the 503 it got: the INVITE's branch, the 503's To tag (RFC 3261 17.1.1.3).
        String ack = String.join("\r\n",
                "ACK sip:442071234567@127.0.0.1:5060 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:17650;branch=z9hG4bK-1-1-0;rport",
                "From: sipp <sip:sipp@127.0.0.1:17650>;tag=1",
                "To: <sip:442071234567@127.0.0.1:5060>;tag=overload",
                "Call-ID: 1-4711@127.0.0.1",
                "CSeq: 1 ACK",
                "Max-Forwards: 70",
                "Content-Length: 0", "", "");
        assertThat(acksRefusal(ack)).isTrue();
        assertThat(acksRefusal(ack.replace("To: ", "t:   ").replace(";tag=overload", " ; TAG=overload"))).isTrue();
        // The 503 the node writes carries the tag that is looked for.
        RawInvite invite = read(SIPP_INVITE);
        String refusal = new String(invite.serviceUnavailable("127.0.0.1", 17650, 5), StandardCharsets.ISO_8859_1);
        String tag = ((ToHeader) parse(invite.serviceUnavailable("127.0.0.1", 17650, 5)).getHeader(ToHeader.NAME)).getTag();
        assertThat(refusal).contains(";tag=" + tag);
        assertThat(acksRefusal(ack.replace(";tag=overload", ";tag=" + tag))).isTrue();

        assertThat(acksRefusal(ack.replace(";tag=overload", ";tag=as58f4201b"))).as("an ACK in a call's dialog").isFalse();
        assertThat(acksRefusal(ack.replace(";tag=overload", ";tag=overloaded"))).isFalse();
        assertThat(acksRefusal(ack.replace(";tag=overload", ""))).isFalse();
        assertThat(acksRefusal(ack.replace("To: <sip:442071234567@127.0.0.1:5060>;tag=overload",
                "To: \"x;tag=overload\" <sip:442071234567@127.0.0.1:5060>"))).as("in the quoted name").isFalse();
        assertThat(acksRefusal(ack.replace("ACK sip:", "BYE sip:"))).isFalse();
        assertThat(acksRefusal(ack.replace("\r\n\r\n", "\r\n"))).as("no end of head").isFalse();
        assertThat(acksRefusal(ack + "To: <sip:a@b>;tag=overload\r\n")).as("the body is not the head").isTrue();
        assertThat(acksRefusal(ack.replace("Max-Forwards: 70", "To: <sip:a@b>;tag=overload")))
                .as("two To headers: the stack's to judge").isFalse();
        assertThat(acksRefusal("ACK")).isFalse();
        assertThat(acksRefusal("")).isFalse();
    }
}
