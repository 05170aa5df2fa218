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
        return Files.readAllLines(Path.of("src/test/resources/asterisk", kind, "Master.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void validFileGivesEveryRecordInUtcWithItsKey() throws Exception {
        CdrFile result = parser.parse("Master.csv", fixture("valid"));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.read()).as("the blank line is not a record").isEqualTo(4);
        CdrRecord london = result.records().get(0);
        assertThat(london.recordKey()).isEqualTo("1764147600.1");
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
        assertThat(busy.recordKey()).as("no uniqueid logged: channel and start").isEqualTo("PJSIP/2003-00000005@2026-11-26 09:10:00");
        assertThat(result.records().get(3).called()).isEqualTo("911");
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
                "column 15 (disposition): 'HUNG UP' is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION",
                "expected 16 to 18 columns (accountcode ... amaflags[, uniqueid, userfield]), got 4",
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
        assertThat(anna.recordKey()).isEqualTo("1764150300.13");
        assertThat(anna.calling()).isEqualTo("2005");
        assertThat(anna.called()).isEqualTo("912125551234");
        assertThat(anna.billableMs()).isEqualTo(60_000);
        assertThat(multi.records().get(2).recordKey()).as("the line after the record").isEqualTo("1764150600.15");

        CdrFile quotes = parser.parse("Master.csv", Files.readAllLines(
                Path.of("src/test/resources/asterisk/invalid/Master-quotes.csv"), StandardCharsets.UTF_8));
        assertThat(quotes.records()).extracting(CdrRecord::recordKey)
                .containsExactly("1764151200.21", "1764151500.23", "1764152100.26");
        assertThat(quotes.read()).isEqualTo(5);
        assertThat(quotes.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 4);
        assertThat(quotes.rejected()).extracting(RejectedLine::reason).containsExactly(
                "quote opened at character 87 is never closed",
                "column 13 (duration): 'sixty' is not a whole number of seconds");
    }
}
