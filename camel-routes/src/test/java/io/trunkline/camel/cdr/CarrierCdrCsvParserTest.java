package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.RejectedLine;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CarrierCdrCsvParserTest {

    private static Properties config(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static final String CARRIER_A = """
            cdr.carrier-a.columns=key:CallID,calling:ANI,called:DNIS,start:StartTime,duration:Seconds,answered:Connected
            cdr.carrier-a.date-format=dd/MM/yyyy HH:mm:ss
            cdr.carrier-a.zone=Europe/London
            cdr.carrier-a.duration-unit=s
            """;

    private static List<String> fixture(String kind) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/carrier-csv", kind, "carrier-a.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void theCarriersColumnsAreReadThroughItsMapping() throws Exception {
        CarrierCdrCsvParser parser = new CarrierCdrCsvParser(CarrierCdrCsvParser.Mapping.from("carrier-a", config(CARRIER_A)));
        CdrFile file = parser.parse("carrier-a.csv", fixture("valid"));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.read()).isEqualTo(3);
        CdrRecord first = file.records().get(0);
        assertThat(first.source()).isEqualTo("carrier-a");
        assertThat(first.recordKey()).isEqualTo("A-1001");
        assertThat(first.calling()).isEqualTo("12125552001");
        assertThat(first.called()).isEqualTo("442071234567");
        assertThat(first.startedAt()).as("London time in November is UTC").isEqualTo(Instant.parse("2026-11-26T10:00:05Z"));
        assertThat(first.durationMs()).isEqualTo(187_500);
        assertThat(first.endedAt()).isEqualTo(Instant.parse("2026-11-26T10:03:12.500Z"));
        assertThat(first.disposition()).isEqualTo("ANSWERED");
        assertThat(file.records().get(1).disposition()).isEqualTo("FAILED");
        assertThat(file.records().get(1).answeredAt()).isNull();
        assertThat(file.records().get(2).calling()).as("quoted field").isEqualTo("12125552002");
    }

    @Test
    void badLinesAreSetAsideAndAFileWithoutTheMappedColumnsIsRefused() throws Exception {
        CarrierCdrCsvParser parser = new CarrierCdrCsvParser(CarrierCdrCsvParser.Mapping.from("carrier-a", config(CARRIER_A)));
        CdrFile file = parser.parse("carrier-a.csv", fixture("invalid"));
        assertThat(file.records()).isEmpty();
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 3, 4, 5);
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 2 (StartTime): '2026-11-26 10:00:05' does not match the carrier's date format",
                "column 5 (Seconds): '-3' is not a duration in s",
                "column 1 (CallID): empty",
                "column 5 (Seconds): missing (the line has 3 columns)");
        assertThatThrownBy(() -> parser.parse("carrier-a.csv", List.of("Id,Start,From,To,Secs", "1,26/11/2026 10:00:00,1,2,3")))
                .hasMessage("header row has no column 'CallID' (mapped to key for carrier carrier-a)");
    }

    @Test
    void aMappingThatCannotReadTheFilesIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> CarrierCdrCsvParser.Mapping.from("b", config("cdr.b.zone=UTC")))
                .hasMessage("cdr.b.columns is required");
        assertThatThrownBy(() -> CarrierCdrCsvParser.Mapping.from("b", config("cdr.b.columns=key:Id,calling")))
                .hasMessage("cdr.b.columns: 'calling' is not field:Column");
        assertThatThrownBy(() -> CarrierCdrCsvParser.Mapping.from("b", config("cdr.b.columns=key:Id,calling:A,called:B,start:S")))
                .hasMessage("carrier b: the mapping names no column for 'duration'");
        assertThatThrownBy(() -> CarrierCdrCsvParser.Mapping.from("b", config(
                "cdr.b.columns=key:Id,calling:A,called:B,start:S,duration:D\ncdr.b.zone=Mars/Olympus")))
                .hasMessageStartingWith("cdr.b.zone:");
        assertThatThrownBy(() -> CarrierCdrCsvParser.Mapping.from("b", config(
                "cdr.b.columns=key:Id,calling:A,called:B,start:S,duration:D\ncdr.b.duration-unit=hours")))
                .hasMessage("carrier b: duration unit 'hours' is not s, ms or min");
    }

    @Test
    void aSipCodeColumnTellsBusyNoAnswerAndRejectedApart() throws Exception {
        CarrierCdrCsvParser parser = new CarrierCdrCsvParser(CarrierCdrCsvParser.Mapping.from("carrier-b", config("""
                cdr.carrier-b.columns=key:call_id,calling:from,called:to,start:start_utc,duration:billsec,code:sip_code
                cdr.carrier-b.date-format=yyyy-MM-dd'T'HH:mm:ss'Z'
                """)));
        CdrFile file = parser.parse("carrier-b.csv", List.of("call_id,start_utc,from,to,billsec,sip_code",
                "B-1,2026-11-20T10:00:00Z,12125552001,442071234567,61,200",
                "B-2,2026-11-20T10:01:00Z,12125552001,442071234567,0,486",
                "B-3,2026-11-20T10:02:00Z,12125552001,442071234567,0,480",
                "B-4,2026-11-20T10:03:00Z,12125552001,442071234567,0,603",
                "B-5,2026-11-20T10:04:00Z,12125552001,442071234567,0,503",
                "B-6,2026-11-20T10:05:00Z,12125552001,442071234567,0,OK"));
        assertThat(file.records()).extracting(CdrRecord::disposition)
                .containsExactly("ANSWERED", "BUSY", "NO_ANSWER", "REJECTED", "CONGESTION");
        assertThat(file.records()).extracting(CdrRecord::sipCode).containsExactly(200, 486, 480, 603, 503);
        assertThat(file.records().get(0).billableMs()).isEqualTo(61_000);
        assertThat(file.records().get(0).startedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(file.rejected()).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("column 6 (sip_code): 'OK' is not a SIP response code"));
    }

    private static final String CARRIER_C = """
            cdr.carrier-c.columns=key:Call Reference,calling:Calling Number,called:Called Number,start:Setup Time,\\
              duration:Billed Seconds,answered:Answer Time
            cdr.carrier-c.date-format=yyyy-MM-dd HH:mm:ss
            cdr.carrier-c.zone=UTC
            """;

    @Test
    void anAnswerTimeMeansAnsweredAndAnEmptyOneNotAnswered() throws Exception {
        CarrierCdrCsvParser parser = new CarrierCdrCsvParser(CarrierCdrCsvParser.Mapping.from("carrier-c", config(CARRIER_C)));
        CdrFile file = parser.parse("carrier-c.csv", Files.readAllLines(
                Path.of("src/test/resources/carrier-csv/valid/carrier-c.csv"), StandardCharsets.UTF_8));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.records()).extracting(CdrRecord::disposition).containsExactly("ANSWERED", "FAILED", "ANSWERED");
        CdrRecord answered = file.records().get(0);
        assertThat(answered.startedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(answered.answeredAt()).isEqualTo(Instant.parse("2026-11-26T10:00:07Z"));
        assertThat(answered.billableMs()).isEqualTo(200_000);
        assertThat(answered.endedAt()).as("the billed seconds after the answer").isEqualTo(Instant.parse("2026-11-26T10:03:27Z"));
        assertThat(answered.durationMs()).as("from the start to the end").isEqualTo(207_000);
        CdrRecord notAnswered = file.records().get(1);
        assertThat(notAnswered.answeredAt()).isNull();
        assertThat(notAnswered.billableMs()).isZero();

        CdrFile bad = parser.parse("carrier-c.csv", Files.readAllLines(
                Path.of("src/test/resources/carrier-csv/invalid/carrier-c.csv"), StandardCharsets.UTF_8));
        assertThat(bad.records()).isEmpty();
        assertThat(bad.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 3, 4);
        assertThat(bad.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 3 (Answer Time): '26/11/2026 11:00:07' is not yes/no, true/false, 1/0 or a time in the carrier's "
                        + "date format",
                "column 3 (Answer Time): 'ANSWER' is not yes/no, true/false, 1/0 or a time in the carrier's date format",
                "column 3 (Answer Time): 2026-11-26 11:09:58 is before the start 2026-11-26 11:10:00");
    }
}
