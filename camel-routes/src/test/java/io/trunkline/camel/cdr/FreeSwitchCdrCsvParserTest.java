package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.camel.billing.RejectedLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture files written from the FreeSWITCH documentation: the mod_cdr_csv page (the default template of
 * cdr_csv.conf.xml, every field quoted, no header) and the Hangup Cause Code Table (cause names, Q.850 numbers).
 */
class FreeSwitchCdrCsvParserTest {

    private final FreeSwitchCdrCsvParser parser = new FreeSwitchCdrCsvParser("hq-freeswitch", ZoneId.of("Europe/Berlin"));

    private static List<String> fixture(String kind) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/freeswitch", kind, "Master.csv"), StandardCharsets.UTF_8);
    }

    /** One line of the default template, a call that started at 10:00:00 and ended at 10:00:10 Berlin time. */
    private static String line(String cause, String answerStamp, String billsec) {
        return String.join(",", List.of("Alice Smith", "1001", "2001", "default", "2026-11-26 10:00:00", answerStamp,
                "2026-11-26 10:00:10", "10", billsec, cause, "c0ffee00-0000-4000-8000-000000000001", "", "", "PCMA", "PCMA")
                .stream().map(v -> '"' + v + '"').toList());
    }

    @Test
    void validFileGivesEveryCallInUtcWithItsCauseAndKey() throws Exception {
        CdrFile file = parser.parse("Master.csv", fixture("valid"));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.read()).as("the blank line is not a record").isEqualTo(6);

        CdrRecord london = file.records().get(0);
        assertThat(london.source()).isEqualTo("hq-freeswitch");
        assertThat(london.recordKey()).isEqualTo("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a81");
        assertThat(london.callKey()).isEqualTo("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a81");
        assertThat(london.calling()).isEqualTo("1001");
        assertThat(london.called()).isEqualTo("00442071234567");
        assertThat(london.startedAt()).as("Berlin time in November is UTC+1").isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(london.answeredAt()).isEqualTo(Instant.parse("2026-11-26T09:00:06Z"));
        assertThat(london.endedAt()).isEqualTo(Instant.parse("2026-11-26T09:05:06Z"));
        assertThat(london.durationMs()).isEqualTo(306_000);
        assertThat(london.billableMs()).isEqualTo(300_000);
        assertThat(london.disposition()).isEqualTo("ANSWERED");
        assertThat(london.q850Cause()).isEqualTo(16);
        assertThat(london.sipCode()).isNull();
        assertThat(london.account()).isEqualTo("sales");
        assertThat(london.channel()).isEqualTo("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a81");
        assertThat(london.peerChannel()).isEqualTo("8a2b3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c2d");
        assertThat(london.trunk()).as("the default template names no gateway").isNull();

        CdrRecord busy = file.records().get(1);
        assertThat(busy.calling()).as("a caller name holding a comma and quotes moves no column").isEqualTo("1002");
        assertThat(busy.answeredAt()).isNull();
        assertThat(busy.durationMs()).isEqualTo(4_000);
        assertThat(busy.billableMs()).isZero();
        assertThat(busy.account()).as("empty accountcode").isNull();
        assertThat(busy.peerChannel()).as("no b-leg").isNull();

        assertThat(file.records()).extracting(CdrRecord::disposition)
                .containsExactly("ANSWERED", "BUSY", "NO_ANSWER", "REJECTED", "FAILED", "ANSWERED");
        assertThat(file.records()).extracting(CdrRecord::q850Cause)
                .as("NORMAL_CLEARING, USER_BUSY, ORIGINATOR_CANCEL (487, FreeSWITCH's own: 16), CALL_REJECTED, "
                        + "UNALLOCATED_NUMBER, NORMAL_CLEARING")
                .containsExactly(16, 17, 16, 21, 1, 16);
        assertThat(file.records().get(3).calling()).isEqualTo("+15551230001");

        CdrRecord emergency = file.records().get(5);
        assertThat(emergency.called()).isEqualTo("112");
        assertThat(emergency.startedAt()).isEqualTo(Instant.parse("2026-11-26T22:59:30Z"));
        assertThat(emergency.endedAt()).as("past local midnight").isEqualTo(Instant.parse("2026-11-26T23:01:31Z"));
        assertThat(emergency.billableMs()).isEqualTo(120_000);
    }

    @Test
    void everyBadLineIsSetAsideWithItsLineAndColumn() throws Exception {
        CdrFile file = parser.parse("Master.csv", fixture("invalid"));
        assertThat(file.records()).isEmpty();
        assertThat(file.read()).isEqualTo(8);
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 5 (start_stamp): '26/11/2026 10:00' is not yyyy-MM-dd HH:mm:ss",
                "column 8 (duration): 'abc' is not a whole number of seconds",
                "column 10 (hangup_cause): 'HUNG_UP' is not a FreeSWITCH hangup cause",
                "expected 15 columns (caller_id_name ... write_codec, the example template) or 13 (caller_id_name ... "
                        + "accountcode, the built-in default template), got 4",
                "quote opened at character 49 is never closed",
                "column 7 (end_stamp): 2026-11-26 09:00:00 is before the start 2026-11-26 10:00:00",
                "column 9 (billsec): 400 s is more than the duration 306 s",
                "column 11 (uuid): empty");
        assertThat(file.rejected().get(2).raw()).contains("\"HUNG_UP\"");
    }

    @Test
    void causesGiveTheirQ850NumberAndDisposition() {
        CdrRecord congestion = parser.parseLine(line("SWITCH_CONGESTION", "", "0"));
        assertThat(congestion.disposition()).isEqualTo("CONGESTION");
        assertThat(congestion.q850Cause()).isEqualTo(42);
        assertThat(parser.parseLine(line("NORMAL_CIRCUIT_CONGESTION", "", "0")).q850Cause()).isEqualTo(34);
        assertThat(parser.parseLine(line("NO_USER_RESPONSE", "", "0")).disposition()).isEqualTo("NO_ANSWER");
        assertThat(parser.parseLine(line("NORMAL_TEMPORARY_FAILURE", "", "0")).disposition()).isEqualTo("FAILED");
        assertThat(parser.parseLine(line("RECOVERY_ON_TIMER_EXPIRE", "", "0")).q850Cause()).isEqualTo(102);
        assertThat(parser.parseLine(line("BUSY_EVERYWHERE", "", "0")).disposition()).isEqualTo("BUSY");
        assertThat(parser.parseLine(line("NONE", "", "0")).q850Cause()).as("no cause recorded").isNull();

        CdrRecord timedOut = parser.parseLine(line("MEDIA_TIMEOUT", "2026-11-26 10:00:02", "8"));
        assertThat(timedOut.disposition()).as("answered whatever ended it").isEqualTo("ANSWERED");
        assertThat(timedOut.q850Cause()).as("MEDIA_TIMEOUT is 604, FreeSWITCH's own").isEqualTo(16);
        CdrRecord answeredUnderASecond = parser.parseLine(line("NORMAL_CLEARING", "2026-11-26 10:00:09", "0"));
        assertThat(answeredUnderASecond.disposition()).as("an answer stamp with billsec 0").isEqualTo("ANSWERED");
        assertThat(answeredUnderASecond.answeredAt()).isEqualTo(Instant.parse("2026-11-26T09:00:09Z"));
    }

    @Test
    void aCallerNameWithALineBreakIsOneRecordReportedAtItsFirstLine() throws Exception {
        CdrFile file = parser.parse("Master.csv", Files.readAllLines(
                Path.of("src/test/resources/freeswitch/valid/Master-multiline.csv"), StandardCharsets.UTF_8));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.read()).isEqualTo(2);
        assertThat(file.records()).extracting(CdrRecord::recordKey)
                .containsExactly("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a91", "5d2e3f40-6a7b-4c8d-9e0f-1a2b3c4d5e02");
        assertThat(file.records().get(0).called()).isEqualTo("00442071234567");
        assertThat(file.records().get(0).billableMs()).isEqualTo(300_000);

        List<String> bad = Files.readAllLines(Path.of("src/test/resources/freeswitch/valid/Master-multiline.csv"),
                StandardCharsets.UTF_8);
        bad.set(1, bad.get(1).replace("\"306\"", "\"x\""));
        CdrFile one = parser.parse("Master.csv", bad);
        assertThat(one.rejected()).extracting(RejectedLine::lineNumber).as("once, at its first line").containsExactly(1);
        assertThat(one.rejected().get(0).raw()).startsWith("\"Alice\nSmith\",\"1001\"");
        assertThat(one.records()).hasSize(1);
    }

    @Test
    void theModulesBuiltInDefaultTemplateIsReadAsWellAsTheExampleTemplate() throws Exception {
        // mod_cdr_csv.c default_template (default-template unset or "default"): 13 columns, a space before accountcode.
        CdrFile file = parser.parse("Master.csv", Files.readAllLines(
                Path.of("src/test/resources/freeswitch/valid/Master-builtin-default.csv"), StandardCharsets.UTF_8));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.read()).isEqualTo(4);
        CdrRecord london = file.records().get(0);
        assertThat(london.recordKey()).isEqualTo("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a01");
        assertThat(london.called()).isEqualTo("00442071234567");
        assertThat(london.startedAt()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(london.billableMs()).isEqualTo(300_000);
        assertThat(london.account()).as("the quotes after the space are not the value's").isEqualTo("sales");
        assertThat(london.peerChannel()).isEqualTo("8a2b3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c01");
        assertThat(file.records().get(1).account()).as("written as a space and two quotes").isNull();
        assertThat(file.records()).extracting(CdrRecord::disposition)
                .containsExactly("ANSWERED", "BUSY", "NO_ANSWER", "REJECTED");

        // The vanilla "sql" template has 13 columns as well, but is no CSV.
        String sql = "INSERT INTO cdr VALUES (" + Files.readAllLines(Path.of(
                "src/test/resources/freeswitch/valid/Master-builtin-default.csv"), StandardCharsets.UTF_8).get(1) + ");";
        assertThat(parser.parse("Master.csv", List.of(sql)).rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 13 (accountcode): ' \"\");' is not written as the built-in default template writes it (a space, "
                        + "then the value in quotes)");
    }

    /**
     * mod_cdr_csv puts each variable between its template's quotes as it is (mod_cdr_csv.c my_on_reporting,
     * switch_channel_expand_variables): a caller name's own quotes are not doubled.
     */
    private static String written(String callerName, String number, String uuid) {
        return "\"" + callerName + "\",\"" + number + "\",\"00442071234567\",\"default\",\"2026-11-26 10:00:00\","
                + "\"2026-11-26 10:00:06\",\"2026-11-26 10:05:06\",\"306\",\"300\",\"NORMAL_CLEARING\",\"" + uuid
                + "\",\"\",\"\",\"PCMA\",\"PCMA\"";
    }

    @Test
    void aCallerNameHoldingQuotesIsReadAsFreeSwitchWroteIt() {
        String bob = written("Bob \"The Builder\" Smith", "1001", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b01");
        assertThat(bob).startsWith("\"Bob \"The Builder\" Smith\",\"1001\",");
        assertThat(FreeSwitchCdrCsvParser.fields(bob)).extracting(FreeSwitchCdrCsvParser.Field::text)
                .as("RFC 4180 would read Bob The Builder\" Smith\"").startsWith("Bob \"The Builder\" Smith", "1001");
        CdrRecord record = parser.parseLine(bob);
        assertThat(record.calling()).isEqualTo("1001");
        assertThat(record.recordKey()).isEqualTo("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b01");

        assertThat(FreeSwitchCdrCsvParser.fields(written("Lobby 55\"", "1003", "u")).get(0).text())
                .as("a quote that ends the name").isEqualTo("Lobby 55\"");
        assertThat(FreeSwitchCdrCsvParser.fields(written("\"\"", "1003", "u")).get(0).text())
                .as("two quotes are two quotes").isEqualTo("\"\"");
        assertThat(FreeSwitchCdrCsvParser.fields(written("", "1003", "u")).get(0).text()).isEmpty();

        String builtIn = "\"O\"Neil\",\"1004\",\"1005\",\"default\",\"2026-11-26 10:20:00\",\"\",\"2026-11-26 10:20:30\",\"30\","
                + "\"0\",\"NO_ANSWER\",\"3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b04\",\"\", \"sa\"les\"";
        CdrRecord neil = parser.parseLine(builtIn);
        assertThat(neil.calling()).isEqualTo("1004");
        assertThat(neil.account()).as("the built-in template's accountcode, its own quote kept").isEqualTo("sa\"les");
    }

    /**
     * A Master.csv as the example template writes it, with caller names holding quotes: every record is stored but
     * the one whose name also holds a line break after a quote, whose two lines are quarantined; none is joined to
     * the records after it.
     */
    @Test
    void aStrayQuoteCostsAtMostItsOwnRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Master.csv");
        Files.writeString(file, String.join("\n",
                written("Bob \"The Builder\" Smith", "1001", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b01"),
                written("Alice", "1002", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b02"),
                written("Lobby 55\"", "1003", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b03"),
                written("Carol", "1004", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b04"),
                written("Dan \"D\"\nDoe", "1005", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b05"),
                written("Eve", "1006", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b06")) + "\n");
        MemoryCdrPort port = new MemoryCdrPort();
        CdrSource source = new CdrSource("hq-freeswitch", "freeswitch", parser, "hq-freeswitch", null,
                ZoneId.of("Europe/Berlin"), "DE", StandardCharsets.UTF_8, "unused", null);

        CdrPort.Outcome o = new CdrFileReader(port, 100).read(source, "Master.csv", file, () -> false);
        assertThat(o.read()).as("7 lines, 6 records, the fifth over two lines that cannot be told to be one").isEqualTo(7);
        assertThat(o.stored()).isEqualTo(5);
        assertThat(o.quarantined()).isEqualTo(2);
        assertThat(port.records.values()).extracting(SourceRecord::recordKey).containsExactly(
                "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b01", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b02",
                "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b03", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b04",
                "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b06");
        List<RejectedLine> rejected = port.chunks.get(0).rejected();
        assertThat(rejected).extracting(RejectedLine::lineNumber).containsExactly(5, 6);
        assertThat(rejected).extracting(RejectedLine::raw).containsExactly("\"Dan \"D\"",
                "Doe\",\"1005\",\"00442071234567\",\"default\",\"2026-11-26 10:00:00\",\"2026-11-26 10:00:06\","
                        + "\"2026-11-26 10:05:06\",\"306\",\"300\",\"NORMAL_CLEARING\",\"3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b05\","
                        + "\"\",\"\",\"PCMA\",\"PCMA\"");
        assertThat(rejected).extracting(RejectedLine::reason).containsExactly(
                "expected 15 columns (caller_id_name ... write_codec, the example template) or 13 (caller_id_name ... "
                        + "accountcode, the built-in default template), got 1",
                "column 1 (caller_id_name): 'Doe\"' is not in quotes, as mod_cdr_csv writes every field");
    }

    @Test
    void aQuoteNeverClosedOrAValueWithAQuoteAndACommaQuarantinesItsLineOnly() {
        CdrFile file = parser.parse("Master.csv", List.of(
                written("Smith\", John", "1001", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b11"),
                "\"Alice\",\"1002\",\"00442071234567\",\"default\",\"2026-11-26 10:0",
                written("Carol", "1004", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b14")));
        assertThat(file.records()).extracting(CdrRecord::recordKey).containsExactly("3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7b14");
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(1, 2);
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "expected 15 columns (caller_id_name ... write_codec, the example template) or 13 (caller_id_name ... "
                        + "accountcode, the built-in default template), got 16",
                "quote opened at character 43 is never closed");
    }

    @Test
    void rejectAllIsARejectedCall() throws Exception {
        CdrFile file = parser.parse("Master.csv", Files.readAllLines(
                Path.of("src/test/resources/freeswitch/valid/Master-causes.csv"), StandardCharsets.UTF_8));
        assertThat(file.rejected()).isEmpty();
        CdrRecord rejected = file.records().get(0);
        assertThat(rejected.disposition()).isEqualTo("REJECTED");
        assertThat(rejected.q850Cause()).as("REJECT_ALL is 825, FreeSWITCH's own: 16").isEqualTo(16);
        assertThat(file.records()).extracting(CdrRecord::disposition)
                .containsExactly("REJECTED", "NO_ANSWER", "FAILED", "FAILED", "FAILED", "ANSWERED");
    }
}
