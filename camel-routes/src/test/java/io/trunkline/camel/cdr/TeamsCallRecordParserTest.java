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
import java.util.Map;
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
                "column 7 (Start time): '26/11/2026 10:00' is neither an ISO-8601 time (2026-12-07T16:23:46Z) nor "
                        + "PowerShell's en-US M/d/yyyy h:mm:ss AM/PM",
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

    /**
     * The properties of a {@code MicrosoftGraphCallRecordsDirectRoutingLogRow} as {@code Export-Csv} names them
     * (Graph's directRoutingLogRow in the SDK's PascalCase, and the SDK's AdditionalProperties dictionary).
     */
    private static final List<String> POWERSHELL_COLUMNS = List.of("AdditionalProperties", "CallEndSubReason",
            "CallType", "CalleeNumber", "CallerNumber", "CorrelationId", "Duration", "EndDateTime", "FailureDateTime",
            "FinalSipCode", "FinalSipCodePhrase", "Id", "InviteDateTime", "MediaBypassEnabled", "MediaPathLocation",
            "OtherPartyCountryCode", "SignalingLocation", "StartDateTime", "SuccessfulCall",
            "TrunkFullyQualifiedDomainName", "UserCountryCode", "UserDisplayName", "UserId", "UserPrincipalName");

    /** A line as PowerShell 7's Export-Csv writes it: every field in quotes. */
    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> '"' + v.replace("\"", "\"\"") + '"').toList());
    }

    /**
     * One row of {@code Get-MgCommunicationCallRecordDirectRoutingCall | Export-Csv} in a session whose culture is
     * en-US: date-times as .NET's general format writes them, {@code M/d/yyyy h:mm:ss tt}.
     */
    private static String powerShellRow(String correlationId, String invite, String start, String failure, String end,
                                        int duration, boolean success, int sipCode, String callee) {
        Map<String, String> row = new java.util.HashMap<>(Map.of("AdditionalProperties",
                "System.Collections.Generic.Dictionary`2[System.String,System.Object]", "CallEndSubReason",
                success ? "540000" : "560486", "CallType", "ByotOut", "CalleeNumber", callee, "CallerNumber",
                "+12125552001", "CorrelationId", correlationId, "Duration", String.valueOf(duration), "EndDateTime", end,
                "FailureDateTime", failure, "FinalSipCode", String.valueOf(sipCode)));
        row.putAll(Map.of("FinalSipCodePhrase", success ? "BYE" : "Busy Here", "Id", "row-" + correlationId,
                "InviteDateTime", invite, "MediaBypassEnabled", "True", "MediaPathLocation", "USEA", "OtherPartyCountryCode",
                "gb", "SignalingLocation", "USEA", "StartDateTime", start, "SuccessfulCall", success ? "True" : "False",
                "TrunkFullyQualifiedDomainName", "sbc1.contoso.com"));
        row.putAll(Map.of("UserCountryCode", "us", "UserDisplayName", "Alice Smith", "UserId",
                "3f9b2c1d-6e4a-4b7c-8d21-0a1b2c3d4e01", "UserPrincipalName", "alice@contoso.com"));
        return quoted(POWERSHELL_COLUMNS.stream().map(row::get).toList());
    }

    private static final String NONE = "1/1/0001 12:00:00 AM";

    @Test
    void powerShellsExportInTheUsCultureIsReadMonthFirstAsUtc() {
        List<String> lines = List.of(quoted(POWERSHELL_COLUMNS),
                powerShellRow("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5b01", "12/7/2026 4:23:41 PM", "12/7/2026 4:23:46 PM", NONE,
                        "12/7/2026 4:27:06 PM", 200, true, 0, "+442071234567"),
                powerShellRow("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5b02", "3/4/2026 9:05:00 AM", "3/4/2026 9:05:00 AM",
                        "3/4/2026 9:05:02 AM", NONE, 0, false, 486, "+12125559876"),
                powerShellRow("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5b03", "12/8/2026 12:00:05 AM", "12/8/2026 12:00:09 AM", NONE,
                        "12/8/2026 12:30:09 PM", 1800, true, 0, "+442071234567"),
                powerShellRow("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5b04", "12/7/2026 5:23:41 PM +01:00",
                        "12/7/2026 4:23:46 PM +00:00", "1/1/0001 12:00:00 AM +00:00", "12/7/2026 4:27:06\u202FPM", 200,
                        true, 0, "+442071234567"));
        assertThat(lines.get(1)).as("as PowerShell 7 writes it: no #TYPE line, every field quoted")
                .startsWith("\"System.Collections.Generic.Dictionary`2[System.String,System.Object]\",\"540000\",");

        CdrFile file = parser.parse("DirectRoutingCalls.csv", lines);
        assertThat(file.rejected()).isEmpty();
        CdrRecord london = file.records().get(0);
        assertThat(london.recordKey()).isEqualTo("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5b01");
        assertThat(london.startedAt()).as("the invite, 4:23:41 PM UTC").isEqualTo(Instant.parse("2026-12-07T16:23:41Z"));
        assertThat(london.answeredAt()).isEqualTo(Instant.parse("2026-12-07T16:23:46Z"));
        assertThat(london.endedAt()).as("the failure time 1/1/0001 12:00:00 AM is none").isEqualTo(Instant.parse("2026-12-07T16:27:06Z"));
        assertThat(london.billableMs()).isEqualTo(200_000);
        assertThat(london.trunk()).isEqualTo("sbc1.contoso.com");
        assertThat(london.channel()).isEqualTo("alice@contoso.com");

        CdrRecord busy = file.records().get(1);
        assertThat(busy.startedAt()).as("3/4/2026 is the 4th of March in en-US").isEqualTo(Instant.parse("2026-03-04T09:05:00Z"));
        assertThat(busy.endedAt()).isEqualTo(Instant.parse("2026-03-04T09:05:02Z"));
        assertThat(busy.disposition()).isEqualTo("BUSY");

        CdrRecord midnight = file.records().get(2);
        assertThat(midnight.startedAt()).as("12 AM is midnight").isEqualTo(Instant.parse("2026-12-08T00:00:05Z"));
        assertThat(midnight.endedAt()).as("12 PM is noon").isEqualTo(Instant.parse("2026-12-08T12:30:09Z"));

        CdrRecord offsets = file.records().get(3);
        assertThat(offsets.startedAt()).as("5:23:41 PM at +01:00").isEqualTo(Instant.parse("2026-12-07T16:23:41Z"));
        assertThat(offsets.answeredAt()).isEqualTo(Instant.parse("2026-12-07T16:23:46Z"));
        assertThat(offsets.endedAt()).as("U+202F before PM, as .NET on ICU 72 writes it").isEqualTo(Instant.parse("2026-12-07T16:27:06Z"));
    }

    @Test
    void windowsPowerShellsExportWithItsTypeLineIsReadTheSame() {
        CdrFile file = parser.parse("DirectRoutingCalls.csv", List.of(
                "#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphCallRecordsDirectRoutingLogRow",
                quoted(POWERSHELL_COLUMNS),
                powerShellRow("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5b01", "12/7/2026 4:23:41 PM", "12/7/2026 4:23:46 PM", NONE,
                        "12/7/2026 4:27:06 PM", 200, true, 0, "+442071234567")));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.records()).extracting(CdrRecord::startedAt).containsExactly(Instant.parse("2026-12-07T16:23:41Z"));
    }

    @Test
    void aDateWhoseDayAndMonthOrderCannotBeToldIsQuarantinedNamingTheColumnAndTheForms() {
        CdrFile file = parser.parse("DirectRoutingCalls.csv", List.of(quoted(POWERSHELL_COLUMNS),
                powerShellRow("c-gb", "07/12/2026 16:23:41", "07/12/2026 16:23:46", "", "07/12/2026 16:27:06", 200, true, 0, "911"),
                powerShellRow("c-au", "7/12/2026 4:23:41 pm", "7/12/2026 4:23:46 pm", "", "7/12/2026 4:27:06 pm", 200, true, 0, "911"),
                powerShellRow("c-zero", "07/12/2026 04:23:41 PM", "07/12/2026 04:23:46 PM", "", "", 200, true, 0, "911"),
                powerShellRow("c-de", "07.12.2026 16:23:41", "07.12.2026 16:23:46", "", "", 200, true, 0, "911"),
                powerShellRow("c-feb", "2/30/2026 4:23:41 PM", "2/30/2026 4:23:46 PM", "", "", 200, true, 0, "911")));
        assertThat(file.records()).isEmpty();
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 3, 4, 5, 6);
        String forms = "' is neither an ISO-8601 time (2026-12-07T16:23:46Z) nor PowerShell's en-US M/d/yyyy h:mm:ss AM/PM";
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 18 (StartDateTime): '07/12/2026 16:23:46" + forms,
                "column 18 (StartDateTime): '7/12/2026 4:23:46 pm" + forms,
                "column 18 (StartDateTime): '07/12/2026 04:23:46 PM" + forms,
                "column 18 (StartDateTime): '07.12.2026 16:23:46" + forms,
                "column 18 (StartDateTime): '2/30/2026 4:23:46 PM' is no day of the calendar (month/day/year)");
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
