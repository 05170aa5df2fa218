package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixture files written from Microsoft's "Microsoft Teams PSTN usage report" page (its Direct Routing tab: the
 * columns, what Start, Invite, Failure and End time mean, the call types, the Shared correlation ID of the CSV
 * download; the Calling Plans export's fields) and the Graph directRoutingLogRow resource (times as UTC
 * DateTimeOffset, the final SIP code and Microsoft subcode). The download is UTF-8 with a byte-order mark and
 * CRLF line ends.
 */
class TeamsCallRecordParserTest {

    private final TeamsCallRecordParser parser = new TeamsCallRecordParser("teams-dr");

    private static List<String> fixture(String kind, String name) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/teams", kind, name), StandardCharsets.UTF_8);
    }

    @Test
    void directRoutingExportGivesEachCallFromItsInviteWithTheFinalSipCode() throws Exception {
        CdrFile file = parser.parse("DirectRouting.calls.2026-11-26.csv", fixture("valid", "DirectRouting.calls.2026-11-26.csv"));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.read()).isEqualTo(6);

        CdrRecord london = file.records().get(0);
        assertThat(london.source()).isEqualTo("teams-dr");
        assertThat(london.recordKey()).isEqualTo("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5a01");
        assertThat(london.callKey()).isEqualTo("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5a01");
        assertThat(london.calling()).isEqualTo("+12125552001");
        assertThat(london.called()).isEqualTo("+442071234567");
        assertThat(london.startedAt()).as("the invite").isEqualTo(Instant.parse("2026-11-26T10:00:00.120Z"));
        assertThat(london.answeredAt()).as("the report's start time: the SBC's 200 OK").isEqualTo(Instant.parse("2026-11-26T10:00:05.123Z"));
        assertThat(london.endedAt()).isEqualTo(Instant.parse("2026-11-26T10:03:25.123Z"));
        assertThat(london.durationMs()).isEqualTo(205_003);
        assertThat(london.billableMs()).isEqualTo(200_000);
        assertThat(london.disposition()).isEqualTo("ANSWERED");
        assertThat(london.sipCode()).isEqualTo(200);
        assertThat(london.q850Cause()).isNull();
        assertThat(london.trunk()).isEqualTo("sbc1.contoso.com");
        assertThat(london.channel()).as("SIP Address").isEqualTo("alice@contoso.com");

        CdrRecord busy = file.records().get(1);
        assertThat(busy.answeredAt()).isNull();
        assertThat(busy.endedAt()).as("the failure time").isEqualTo(Instant.parse("2026-11-26T10:10:02.500Z"));
        assertThat(busy.durationMs()).isEqualTo(2_500);
        assertThat(busy.billableMs()).isZero();

        assertThat(file.records()).extracting(CdrRecord::disposition)
                .containsExactly("ANSWERED", "BUSY", "NO_ANSWER", "REJECTED", "CONGESTION", "ANSWERED");
        assertThat(file.records()).extracting(CdrRecord::sipCode).containsExactly(200, 486, 487, 603, 503, 200);

        CdrRecord inbound = file.records().get(2);
        assertThat(inbound.calling()).isEqualTo("+14165550123");
        assertThat(inbound.trunk()).isEqualTo("sbc2.contoso.com");
        assertThat(inbound.channel()).isEqualTo("bob@contoso.com");

        CdrRecord congestion = file.records().get(4);
        assertThat(congestion.startedAt()).as("11:30 at +01:00").isEqualTo(Instant.parse("2026-11-26T10:30:00Z"));
        assertThat(congestion.durationMs()).isEqualTo(1_000);

        CdrRecord emergency = file.records().get(5);
        assertThat(emergency.called()).isEqualTo("911");
        assertThat(emergency.trunk()).isEqualTo("sbc-e911.contoso.com");
        assertThat(emergency.durationMs()).isEqualTo(301_000);
    }

    @Test
    void everyBadLineIsSetAsideWithItsLineAndColumn() throws Exception {
        CdrFile file = parser.parse("DirectRouting.calls.2026-11-27.csv", fixture("invalid", "DirectRouting.calls.2026-11-27.csv"));
        assertThat(file.records()).isEmpty();
        assertThat(file.read()).isEqualTo(8);
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 7 (Start time): '26/11/2026 10:00' is not an ISO-8601 time",
                "column 17 (Final SIP code): '2OO' is not a SIP response code",
                "column 10 (Duration (seconds)): '-5' is not a whole number of seconds",
                "column 11 (Success): 'Maybe' is not Yes/No, True/False or Success/Attempt",
                "expected 23 columns as the header row names, got 3",
                "quote opened at character 130 is never closed",
                "column 3 (Correlation ID): empty",
                "column 9 (End time): 2026-11-26T09:00:00Z is before the invite 2026-11-26T10:00:00Z");
    }

    @Test
    void theCallingPlansExportIsRefusedNamingTheMissingColumn() throws Exception {
        assertThatThrownBy(() -> parser.parse("PSTN.calls.2026-11-26.csv", fixture("invalid", "PSTN.calls.2026-11-26.csv")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("Teams Direct Routing header row has no column 'Correlation ID'");
        assertThatThrownBy(() -> parser.parse("empty.csv", List.of()))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("Teams Direct Routing file has no header row");
    }

    @Test
    void columnsAreFoundByNameWithThePortalsSpellingsAndWithoutTheOptionalOnes() throws Exception {
        CdrFile file = parser.parse("dr.csv", List.of(
                "correlation id,Event type,Final SIP code,Callee Number,Caller Number,Start time (UTC),Duration,SBC FQDN",
                "c-1,Success,0,+12125550100,+12125552001,2026-11-26T10:00:00,60,sbc1.contoso.com",
                "c-2,Attempt,408,+12125550100,+12125552001,2026-11-26T10:05:00Z,0,sbc1.contoso.com",
                "c-3,False,,+12125550100,+12125552001,2026-11-26T10:06:00Z,0,"));
        assertThat(file.rejected()).isEmpty();
        CdrRecord answered = file.records().get(0);
        assertThat(answered.startedAt()).as("no invite time column; no offset is UTC").isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(answered.endedAt()).as("no end time column: start plus duration").isEqualTo(Instant.parse("2026-11-26T10:01:00Z"));
        assertThat(answered.sipCode()).as("0 is no code").isNull();
        assertThat(answered.disposition()).isEqualTo("ANSWERED");
        assertThat(answered.trunk()).isEqualTo("sbc1.contoso.com");
        assertThat(answered.channel()).as("no SIP Address column").isNull();
        assertThat(file.records().get(1).disposition()).isEqualTo("NO_ANSWER");
        assertThat(file.records().get(1).durationMs()).isZero();
        assertThat(file.records().get(2).disposition()).as("no code, no success").isEqualTo("FAILED");
        assertThat(file.records().get(2).trunk()).isNull();
    }
}
