package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Teams Direct Routing records fetched from Microsoft Graph ({@code getDirectRoutingCalls}), in the forms they are
 * saved in: a page as Graph sends it (compact, one line, no final newline), a page pretty-printed by Windows
 * PowerShell (byte-order mark, CRLF), and the rows flattened to CSV with Graph's property names by
 * {@code Export-Csv} (byte-order mark, every field quoted, CRLF, True/False; by default a {@code #TYPE} line first). Rows and property types from Graph's
 * directRoutingLogRow resource; {@code 0001-01-01T00:00:00Z} is what Graph writes for a time that does not apply.
 */
class TeamsGraphCallRecordsTest {

    private static final Path TEAMS = Path.of("src/test/resources/teams");

    private final MemoryCdrPort port = new MemoryCdrPort();
    private final CdrSource source = new CdrSource("teams-dr", "teams", new TeamsCallRecordParser("teams-dr"), "hq",
            null, ZoneOffset.UTC, "US", StandardCharsets.UTF_8, "unused", null);

    private CdrPort.Outcome read(String kind, String name, int chunk) throws Exception {
        return new CdrFileReader(port, chunk).read(source, name, TEAMS.resolve(kind).resolve(name), () -> false);
    }

    private List<CdrRecord> records() {
        List<CdrRecord> all = new ArrayList<>();
        port.chunks.forEach(c -> all.addAll(c.records()));
        return all;
    }

    @Test
    void aGraphPageAsGraphSendsItGivesEachRowAsTheExportWouldOnLineOne() throws Exception {
        CdrPort.Outcome o = read("valid", "getDirectRoutingCalls.2026-11-26.p1.json", 1);
        assertThat(o.status()).isEqualTo("STORED");
        assertThat(o.read()).isEqualTo(2);
        assertThat(o.stored()).isEqualTo(2);
        assertThat(port.chunks).as("rows sharing a line are never split over chunks").hasSize(1);
        assertThat(port.chunks.get(0).recordLines()).containsExactly(1, 1);
        assertThat(port.chunks.get(0).lastLine()).isEqualTo(1);

        CdrRecord london = records().get(0);
        assertThat(london.recordKey()).isEqualTo("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5a01");
        assertThat(london.callKey()).isEqualTo("0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5a01");
        assertThat(london.calling()).isEqualTo("+12125552001");
        assertThat(london.called()).isEqualTo("+442071234567");
        assertThat(london.startedAt()).as("inviteDateTime").isEqualTo(Instant.parse("2026-11-26T10:00:00.120Z"));
        assertThat(london.answeredAt()).as("startDateTime").isEqualTo(Instant.parse("2026-11-26T10:00:05.123Z"));
        assertThat(london.endedAt()).as("endDateTime; failureDateTime 0001-01-01 is none")
                .isEqualTo(Instant.parse("2026-11-26T10:03:25.123Z"));
        assertThat(london.billableMs()).as("duration 200 (Int32 seconds)").isEqualTo(200_000);
        assertThat(london.disposition()).as("successfulCall true").isEqualTo("ANSWERED");
        assertThat(london.sipCode()).as("finalSipCode 0 is none").isNull();
        assertThat(london.trunk()).isEqualTo("sbc1.contoso.com");
        assertThat(london.channel()).as("userPrincipalName").isEqualTo("alice@contoso.com");

        CdrRecord busy = records().get(1);
        assertThat(busy.answeredAt()).isNull();
        assertThat(busy.endedAt()).as("failureDateTime; endDateTime 0001-01-01 is none")
                .isEqualTo(Instant.parse("2026-11-26T10:10:02.500Z"));
        assertThat(busy.durationMs()).isEqualTo(2_500);
        assertThat(busy.disposition()).isEqualTo("BUSY");
        assertThat(busy.sipCode()).isEqualTo(486);
    }

    @Test
    void aPrettyPrintedPageNumbersEachRowAtTheLineItsObjectOpensOn() throws Exception {
        read("valid", "getDirectRoutingCalls.2026-11-26.p2.json", 20_000);
        assertThat(port.chunks.get(0).rejected()).isEmpty();
        assertThat(port.chunks.get(0).recordLines()).containsExactly(5, 28);
        assertThat(records()).extracting(CdrRecord::disposition).containsExactly("NO_ANSWER", "ANSWERED");
        assertThat(records()).extracting(CdrRecord::called).containsExactly("+12125552002", "911");
        assertThat(records().get(1).trunk()).isEqualTo("sbc-e911.contoso.com");
        assertThat(records().get(1).durationMs()).isEqualTo(301_000);
    }

    @Test
    void theRowsFlattenedToCsvWithGraphsNamesReadTheSameAsThePages() throws Exception {
        read("valid", "getDirectRoutingCalls.2026-11-26.p1.json", 20_000);
        read("valid", "getDirectRoutingCalls.2026-11-26.p2.json", 20_000);
        List<CdrRecord> fromPages = records();
        port.chunks.clear();
        port.records.clear();
        CdrPort.Outcome o = read("valid", "DirectRoutingCalls.graph.2026-11-26.csv", 20_000);
        assertThat(o.stored()).isEqualTo(4);
        assertThat(port.chunks.get(0).recordLines()).containsExactly(2, 3, 4, 5);
        assertThat(records()).isEqualTo(fromPages);

        port.chunks.clear();
        read("valid", "DirectRoutingCalls.graph-typed.2026-11-26.csv", 20_000);
        assertThat(port.chunks.get(0).recordLines()).as("Export-Csv's #TYPE line passed over, still counted")
                .containsExactly(3);
        assertThat(records()).containsExactly(fromPages.get(0));
    }

    @Test
    void everyBadRowIsQuarantinedAtItsLineNamingThePropertyAndTheRestIsStored() throws Exception {
        CdrPort.Outcome o = read("invalid", "getDirectRoutingCalls.2026-11-27.json", 20_000);
        assertThat(o.read()).isEqualTo(8);
        assertThat(o.stored()).isEqualTo(1);
        assertThat(o.quarantined()).isEqualTo(7);
        assertThat(port.chunks.get(0).recordLines()).containsExactly(121);
        assertThat(port.chunks.get(0).lastLine()).as("the resume point covers the page's closing lines").isEqualTo(145);
        List<RejectedLine> rejected = port.chunks.get(0).rejected();
        assertThat(rejected).extracting(RejectedLine::lineNumber).containsExactly(4, 5, 28, 51, 74, 97, 120);
        assertThat(rejected.get(0).reason()).as("a position within the row").isEqualTo(
                "not JSON: Invalid token=STRING at (line no=1, column no=35, offset=34). Expected tokens are: [COMMA]");
        assertThat(rejected.get(0).raw()).isEqualTo("{\"correlationId\": \"ab12\" \"duration\": 5}");
        assertThat(rejected.subList(1, 7)).extracting(RejectedLine::reason).containsExactly(
                "property duration: \"200\" is not a whole number (Int32)",
                "property successfulCall: \"yes\" is not true or false",
                "property correlationId: empty",
                "property startDateTime: '2026-11-26 10:00:05' is not an ISO-8601 time",
                "property finalSipCode: 200.5 is not a whole number (Int32)",
                "a row of the value array is a JSON string, not an object");
        assertThat(rejected.get(1).raw()).as("the row's text, over its lines").startsWith("{\n").endsWith("\n    }");
    }

    @Test
    void aPageCutOffOrNoPageAtAllIsRefusedWhole() throws Exception {
        assertThatThrownBy(() -> read("invalid", "getDirectRoutingCalls.2026-11-28.json", 20_000))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("truncated: the JSON page ends at line 41 before it closes");
        assertThat(port.last().status).isEqualTo("REFUSED");
        assertThat(port.records).isEmpty();

        TeamsCallRecordParser teams = new TeamsCallRecordParser("teams-dr");
        assertThatThrownBy(() -> teams.parse("x.json", List.of("{\"@odata.context\": \"x\", \"values\": []}")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("no 'value' array: not a page of a Microsoft Graph collection");
        assertThatThrownBy(() -> teams.parse("x.json", List.of("{\"value\": [", "{}]}", "{}")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 3: text after the JSON page's end");
        assertThatThrownBy(() -> teams.parse("x.json", List.of("{\"value\": [" + "[".repeat(100_000))))
                .as("nesting is followed without recursion and bounded")
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 1: JSON nested deeper than 64");
    }
}
