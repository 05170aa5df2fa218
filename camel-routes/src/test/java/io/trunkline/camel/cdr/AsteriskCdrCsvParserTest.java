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

/** Fixture files written from Asterisk's cdr_csv documentation (column order, quoting, dispositions). */
class AsteriskCdrCsvParserTest {

    private final AsteriskCdrCsvParser parser = new AsteriskCdrCsvParser("branch-asterisk", ZoneId.of("America/Chicago"));

    private static List<String> fixture(String kind) throws Exception {
        return fixture(kind, "Master.csv");
    }

    private static List<String> fixture(String kind, String name) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/asterisk", kind, name), StandardCharsets.UTF_8);
    }

    @Test
    void validFileGivesEveryRecordInUtcWithItsKey() throws Exception {
        CdrFile result = parser.parse("Master.csv", fixture("valid"));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.read()).as("the blank line is not a record").isEqualTo(4);
        CdrRecord london = result.records().get(0);
        assertThat(london.recordKey()).as("uniqueid and destination channel").isEqualTo("1764147600.1/PJSIP/trunk-a-00000002");
        assertThat(london.callKey()).isEqualTo("1764147600.1");
        assertThat(london.calling()).isEqualTo("2001");
        assertThat(london.called()).isEqualTo("9011442071234567");
        assertThat(london.startedAt()).as("Chicago local time to UTC").isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(london.answeredAt()).isEqualTo(Instant.parse("2026-11-26T15:00:07Z"));
        assertThat(london.endedAt()).isEqualTo(Instant.parse("2026-11-26T15:03:27Z"));
        assertThat(london.durationMs()).isEqualTo(207_000);
        assertThat(london.billableMs()).isEqualTo(200_000);
        assertThat(london.disposition()).isEqualTo("ANSWERED");
        assertThat(london.peerChannel()).isEqualTo("PJSIP/trunk-a-00000002");
        assertThat(london.source()).isEqualTo("branch-asterisk");
        CdrRecord unanswered = result.records().get(1);
        assertThat(unanswered.answeredAt()).isNull();
        assertThat(unanswered.disposition()).isEqualTo("NO_ANSWER");
        assertThat(unanswered.account()).isEqualTo("sales");
        CdrRecord busy = result.records().get(2);
        assertThat(busy.disposition()).isEqualTo("BUSY");
        assertThat(busy.recordKey()).as("no uniqueid logged: channel and start, and destination channel")
                .isEqualTo("PJSIP/2003-00000005@2026-11-26 09:10:00/PJSIP/2004-00000006");
        assertThat(busy.callKey()).isEqualTo("PJSIP/2003-00000005@2026-11-26 09:10:00");
        assertThat(result.records().get(3).called()).isEqualTo("911");
    }

    /** One Master.csv line of an answered outbound call at these local times (18 columns: uniqueid, userfield). */
    private static String call(String start, String answer, String end, long duration, long billsec, String uniqueid) {
        return "\"\",\"2001\",\"912125551234\",\"from-internal\",\"\"\"Alice\"\" <2001>\",\"PJSIP/2001-00000001\","
                + "\"PJSIP/trunk-a-00000002\",\"Dial\",\"PJSIP/912125551234@trunk-a,60\",\"" + start + "\",\"" + answer
                + "\",\"" + end + "\"," + duration + "," + billsec + ",\"ANSWERED\",\"DOCUMENTATION\",\"" + uniqueid
                + "\",\"\"";
    }

    @Test
    void localTimesInTheHourTheAutumnChangeRepeatsAreReadAsTheCallsOwnDurationsSay() {
        // Chicago, 2026-11-01: at 02:00 CDT (07:00Z) the clock goes back to 01:00 CST, so 01:00-01:59 come twice.
        CdrRecord over = parser.parseLine(call("2026-11-01 01:50:00", "2026-11-01 01:50:05", "2026-11-01 01:10:00",
                1_200, 1_195, "1793515800.11"));
        assertThat(over.startedAt()).as("before the change: CDT").isEqualTo(Instant.parse("2026-11-01T06:50:00Z"));
        assertThat(over.answeredAt()).isEqualTo(Instant.parse("2026-11-01T06:50:05Z"));
        assertThat(over.endedAt()).as("after it: CST, not an end before the start").isEqualTo(Instant.parse("2026-11-01T07:10:00Z"));

        long created = Instant.parse("2026-11-01T07:20:00Z").getEpochSecond();
        CdrRecord second = parser.parseLine(call("2026-11-01 01:20:00", "2026-11-01 01:20:03", "2026-11-01 01:25:00",
                300, 297, created + ".12"));
        assertThat(second.startedAt()).as("within the second pass: the uniqueid says which")
                .isEqualTo(Instant.parse("2026-11-01T07:20:00Z"));
        assertThat(second.endedAt()).isEqualTo(Instant.parse("2026-11-01T07:25:00Z"));
        CdrRecord named = parser.parseLine(call("2026-11-01 01:20:00", "2026-11-01 01:20:03", "2026-11-01 01:25:00",
                300, 297, "pbx1-" + created + ".12"));
        assertThat(named.startedAt()).as("a uniqueid with asterisk.conf's systemname")
                .isEqualTo(Instant.parse("2026-11-01T07:20:00Z"));

        CdrRecord first = parser.parseLine(call("2026-11-01 01:20:00", "2026-11-01 01:20:03", "2026-11-01 01:25:00",
                300, 297, (created - 3_600) + ".13"));
        assertThat(first.startedAt()).as("within the first pass").isEqualTo(Instant.parse("2026-11-01T06:20:00Z"));

        CdrRecord answeredAfter = parser.parseLine(call("2026-11-01 01:59:50", "2026-11-01 01:00:10",
                "2026-11-01 01:02:00", 130, 110, "1793516390.14"));
        assertThat(answeredAfter.answeredAt()).as("answered after the change").isEqualTo(Instant.parse("2026-11-01T07:00:10Z"));
        assertThat(answeredAfter.endedAt()).isEqualTo(Instant.parse("2026-11-01T07:02:00Z"));

        CdrRecord ordinary = parser.parseLine(call("2026-11-26 09:00:00", "2026-11-26 09:00:07", "2026-11-26 09:03:27",
                207, 200, "1764147600.1"));
        assertThat(ordinary.startedAt()).as("no change near: as before").isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
    }

    @Test
    void everyBadLineIsSetAsideWithItsLineAndColumn() throws Exception {
        CdrFile result = parser.parse("Master.csv", fixture("invalid"));
        assertThat(result.records()).isEmpty();
        assertThat(result.read()).isEqualTo(7);
        assertThat(result.rejected()).extracting(RejectedLine::lineNumber).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(result.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 10 (start): '26/11/2026 09:00' is not yyyy-MM-dd HH:mm:ss",
                "column 13 (duration): 'two' is not a whole number of seconds",
                "column 15 (disposition): 'HUNG UP' is not ANSWERED, NO ANSWER, CANCEL, BUSY, FAILED or CONGESTION",
                "expected 16 to 19 or 21 columns (accountcode ... amaflags[, uniqueid, userfield][, peeraccount, linkedid, "
                        + "sequence]), got 4",
                "quote opened at character 46 is never closed",
                "column 12 (end): 2026-11-26 08:03:27 is before the start 2026-11-26 09:00:00",
                "column 14 (billsec): 300 s is more than the duration 207 s");
        assertThat(result.rejected().get(0).raw()).startsWith("\"\",\"2001\"");
    }

    @Test
    void aCallerNameWithALineBreakIsOneRecordAndAQuoteNeverClosedCostsOnlyItsLine() throws Exception {
        CdrFile multi = parser.parse("Master.csv", Files.readAllLines(
                Path.of("src/test/resources/asterisk/valid/Master-multiline.csv"), StandardCharsets.UTF_8));
        assertThat(multi.rejected()).isEmpty();
        assertThat(multi.read()).isEqualTo(3);
        CdrRecord anna = multi.records().get(1);
        assertThat(anna.recordKey()).isEqualTo("1764150300.13/PJSIP/trunk-a-00000012");
        assertThat(anna.calling()).isEqualTo("2005");
        assertThat(anna.called()).isEqualTo("912125551234");
        assertThat(anna.billableMs()).isEqualTo(60_000);
        assertThat(multi.records().get(2).callKey()).as("the line after the record").isEqualTo("1764150600.15");

        CdrFile quotes = parser.parse("Master.csv", Files.readAllLines(
                Path.of("src/test/resources/asterisk/invalid/Master-quotes.csv"), StandardCharsets.UTF_8));
        assertThat(quotes.records()).extracting(CdrRecord::callKey)
                .containsExactly("1764151200.21", "1764151500.23", "1764152100.26");
        assertThat(quotes.read()).isEqualTo(5);
        assertThat(quotes.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 4);
        assertThat(quotes.rejected()).extracting(RejectedLine::reason).containsExactly(
                "quote opened at character 87 is never closed",
                "column 13 (duration): 'sixty' is not a whole number of seconds");
    }

    @Test
    void aForkedDialGivesOneRecordPerCalleeChannelWithTheSameKeyEveryTimeItIsRead() throws Exception {
        // Dial(PJSIP/2002&PJSIP/2003): one CDR per callee channel, both with the caller's uniqueid.
        CdrFile forked = parser.parse("Master.csv", fixture("valid", "Master-dial-forked.csv"));
        assertThat(forked.rejected()).isEmpty();
        assertThat(forked.records()).extracting(CdrRecord::recordKey)
                .containsExactly("1764180000.32/PJSIP/2002-00000021", "1764180000.32/PJSIP/2003-00000022");
        assertThat(forked.records()).extracting(CdrRecord::callKey).as("one call")
                .containsExactly("1764180000.32", "1764180000.32");
        assertThat(forked.records()).extracting(CdrRecord::disposition).containsExactly("NO_ANSWER", "ANSWERED");
        assertThat(forked.records().get(1).billableMs()).isEqualTo(240_000);
        assertThat(parser.parse("Master.csv", fixture("valid", "Master-dial-forked.csv")).records())
                .as("read again: the same keys").extracting(CdrRecord::recordKey)
                .containsExactlyElementsOf(forked.records().stream().map(CdrRecord::recordKey).toList());

        CdrFile noUniqueid = parser.parse("Master.csv", fixture("valid", "Master-dial-forked-nouniqueid.csv"));
        assertThat(noUniqueid.rejected()).isEmpty();
        assertThat(noUniqueid.records()).extracting(CdrRecord::recordKey).containsExactly(
                "PJSIP/trunk-a-00000020@2026-11-26 12:00:00/PJSIP/2002-00000021",
                "PJSIP/trunk-a-00000020@2026-11-26 12:00:00/PJSIP/2003-00000022");
    }

    @Test
    void newCdrColumnsAreReadAndTheSequenceTellsTheRecordsApart() throws Exception {
        // cdr.conf [csv] loguniqueid, loguserfield and newcdrcolumns: 21 columns.
        CdrFile all = parser.parse("Master.csv", fixture("valid", "Master-newcdrcolumns.csv"));
        assertThat(all.rejected()).isEmpty();
        assertThat(all.records()).extracting(CdrRecord::recordKey)
                .containsExactly("1764169200.1/1", "1764169500.3/2", "1764169800.5/3", "1764176700.22/11");
        assertThat(all.records()).extracting(CdrRecord::callKey)
                .containsExactly("1764169200.1", "1764169500.3", "1764169800.5", "1764176700.22");
        CdrRecord london = all.records().get(0);
        assertThat(london.called()).isEqualTo("011442071234567");
        assertThat(london.startedAt()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(london.billableMs()).isEqualTo(200_000);
        assertThat(london.trunk()).isEqualTo("trunk-a");
        assertThat(all.records().get(1).account()).isEqualTo("sales");
        assertThat(all.records().get(3).trunk()).as("voicemail: no destination channel").isNull();

        // newcdrcolumns alone: 19 columns, no uniqueid.
        CdrFile only = parser.parse("Master.csv", fixture("valid", "Master-newcdrcolumns-only.csv"));
        assertThat(only.rejected()).isEmpty();
        assertThat(only.records()).extracting(CdrRecord::recordKey).containsExactly(
                "PJSIP/2001-00000001@2026-11-26 09:00:00/1", "PJSIP/2002-00000003@2026-11-26 09:05:00/2",
                "PJSIP/2003-00000005@2026-11-26 09:10:00/3");
        assertThat(only.records()).extracting(CdrRecord::disposition).containsExactly("ANSWERED", "NO_ANSWER", "BUSY");

        String line = fixture("valid", "Master-newcdrcolumns.csv").get(0);
        List<String> bad = List.of(line.substring(0, line.lastIndexOf(',')) + ",one",
                line.replace(",\"site=HQ\",", ","));
        assertThat(parser.parse("Master.csv", bad).rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 21 (sequence): 'one' is not a whole number",
                "expected 16 to 19 or 21 columns (accountcode ... amaflags[, uniqueid, userfield][, peeraccount, linkedid, "
                        + "sequence]), got 20");
    }

    @Test
    void aCancelledCallIsNotAnswered() throws Exception {
        // cdr.conf canceldispositionenabled=yes: the caller hung up while it rang.
        CdrFile file = parser.parse("Master.csv", fixture("valid", "Master-cancel.csv"));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.records()).extracting(CdrRecord::disposition).containsExactly("NO_ANSWER", "ANSWERED");
        assertThat(file.records().get(0).answeredAt()).isNull();
    }

    @Test
    void initiatedSecondsMayMakeBillsecOneSecondLongerThanTheDuration() throws Exception {
        // cdr.conf initiatedseconds=yes: answered 0.2 s after the start, ended 10.7 s after it: duration 10, billsec 11.
        CdrFile file = parser.parse("Master.csv", fixture("valid", "Master-initiatedseconds.csv"));
        assertThat(file.rejected()).isEmpty();
        CdrRecord call = file.records().get(0);
        assertThat(call.durationMs()).isEqualTo(10_000);
        assertThat(call.billableMs()).as("never longer than the call").isEqualTo(10_000);
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-11-26T20:00:10Z"));

        String twoMore = fixture("valid", "Master-initiatedseconds.csv").get(0).replace(",10,11,", ",10,12,");
        assertThat(parser.parse("Master.csv", List.of(twoMore)).rejected()).extracting(RejectedLine::reason)
                .containsExactly("column 14 (billsec): 12 s is more than the duration 10 s");
    }
}
