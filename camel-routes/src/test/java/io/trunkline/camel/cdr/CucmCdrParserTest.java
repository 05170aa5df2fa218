package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.camel.support.CsvLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture files written from Cisco's "Call Detail Records Administration Guide" for Unified CM (the CDR and CMR
 * field descriptions, the flat-file format with its row of names and row of types, the call termination cause
 * codes, and "Convert Signed Decimal Value to IP Address"): the CDR header row is a 10.x release's 129 fields,
 * the CMR one its 19, file names as CUCM gives them ({@code cdr_<cluster>_<node>_<yyyymmddhhmm>_<seq>}).
 */
class CucmCdrParserTest {

    private final CucmCdrParser parser = new CucmCdrParser("hq-cucm");
    private final MemoryCdrPort port = new MemoryCdrPort();

    @TempDir
    Path dir;

    private static List<String> fixture(String kind, String name) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/cucm", kind, name), StandardCharsets.UTF_8);
    }

    /** A CDR file holding only the columns the parser needs, in another order, names in another case. */
    private static List<String> smallCdrFile(String... records) {
        List<String> lines = new ArrayList<>();
        lines.add("\"duration\",\"GLOBALCALLID_CALLID\",\"globalCallID_callManagerId\",\"origLegCallIdentifier\","
                + "\"DestLegIdentifier\",\"dateTimeOrigination\",\"dateTimeConnect\",\"dateTimeDisconnect\","
                + "\"callingPartyNumber\",\"originalCalledPartyNumber\",\"finalCalledPartyNumber\",\"origCause_value\","
                + "\"destCause_value\",\"origIpAddr\",\"destIpAddr\",\"destDeviceName\"");
        lines.add("\"INTEGER\",\"INTEGER\",\"INTEGER\",\"INTEGER\",\"INTEGER\",\"INTEGER\",\"INTEGER\",\"INTEGER\","
                + "\"VARCHAR(50)\",\"VARCHAR(50)\",\"VARCHAR(50)\",\"INTEGER\",\"INTEGER\",\"INTEGER\",\"INTEGER\",\"VARCHAR(129)\"");
        lines.addAll(List.of(records));
        return lines;
    }

    /**
     * A record under one of the fixture files' header rows (a 10.x release's), written as CUCM writes it: every
     * column present, integers bare (0 when not set), strings in quotes (empty when not set).
     */
    private static String row(String fixture, Map<String, Object> values) throws Exception {
        List<String> header = fixture("valid", fixture);
        List<String> names = CsvLine.split(header.get(0));
        List<String> types = CsvLine.split(header.get(1));
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Object v = values.get(names.get(i));
            boolean integer = types.get(i).equals("INTEGER");
            fields.add(integer ? String.valueOf(v == null ? 0 : v) : "\"" + (v == null ? "" : v) + "\"");
        }
        assertThat(values.keySet()).as("columns of the header row").allMatch(names::contains);
        return String.join(",", fields);
    }

    private static List<String> file(String fixture, String... rows) throws Exception {
        List<String> lines = new ArrayList<>(fixture("valid", fixture).subList(0, 2));
        lines.addAll(List.of(rows));
        return lines;
    }

    private CdrPort.Outcome ingest(String name, List<String> lines) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, lines, StandardCharsets.UTF_8);
        CdrSource hq = new CdrSource("hq-cucm", "cucm", parser, "hq-cucm", null, ZoneOffset.UTC, "US",
                StandardCharsets.UTF_8, "unused", null);
        return new CdrFileReader(port, 100).read(hq, name, path, () -> false);
    }

    /**
     * The guide's "CDR Examples", Auto Pickup: a call from the PSTN rings 2001, 2002 picks it up with Auto Pickup and
     * talks. CUCM writes two CDRs with the same global call id and the caller's leg 101: the original call to 2001
     * (leg 102, never connected, cleared on behalf of the pickup: orig/destCallTerminationOnBehalfOf 16) and the
     * picked-up call to 2002 (leg 103, lastRedirectDn 2001, lastRedirectRedirectReason 5 and joinOnBehalfOf 16).
     */
    @Test
    void autoPickupsTwoCdrsAreBothKeptUnderOneCall() throws Exception {
        String cdrs = "cdr_StandAloneCluster_01_202611261500_4001";
        String ringing = row(cdrs, Map.ofEntries(Map.entry("cdrRecordType", 1),
                Map.entry("globalCallID_callManagerId", 1), Map.entry("globalCallID_callId", 1),
                Map.entry("origLegCallIdentifier", 101), Map.entry("destLegIdentifier", 102),
                Map.entry("dateTimeOrigination", 1795712400), Map.entry("dateTimeConnect", 0),
                Map.entry("dateTimeDisconnect", 1795712408), Map.entry("duration", 0),
                Map.entry("callingPartyNumber", "9728131234"), Map.entry("originalCalledPartyNumber", "2001"),
                Map.entry("finalCalledPartyNumber", "2001"), Map.entry("origCause_value", 0),
                Map.entry("destCause_value", 16), Map.entry("origCallTerminationOnBehalfOf", 16),
                Map.entry("destCallTerminationOnBehalfOf", 16), Map.entry("origIpAddr", -2126438902),
                Map.entry("destIpAddr", 991078592), Map.entry("origDeviceName", "SIPTRUNK-CARRIER-A"),
                Map.entry("destDeviceName", "SEP00AABBCC2001"), Map.entry("globalCallId_ClusterID", "StandAloneCluster"),
                Map.entry("pkid", "5a000fb1-4c1e-4a2b-9c3d-000000000102")));
        String pickedUp = row(cdrs, Map.ofEntries(Map.entry("cdrRecordType", 1),
                Map.entry("globalCallID_callManagerId", 1), Map.entry("globalCallID_callId", 1),
                Map.entry("origLegCallIdentifier", 101), Map.entry("destLegIdentifier", 103),
                Map.entry("dateTimeOrigination", 1795712400), Map.entry("dateTimeConnect", 1795712408),
                Map.entry("dateTimeDisconnect", 1795712528), Map.entry("duration", 120),
                Map.entry("callingPartyNumber", "9728131234"), Map.entry("originalCalledPartyNumber", "2001"),
                Map.entry("finalCalledPartyNumber", "2002"), Map.entry("lastRedirectDn", "2001"),
                Map.entry("origCause_value", 16), Map.entry("destCause_value", 0),
                Map.entry("lastRedirectRedirectOnBehalfOf", 16), Map.entry("lastRedirectRedirectReason", 5),
                Map.entry("joinOnBehalfOf", 16), Map.entry("origIpAddr", -2126438902),
                Map.entry("destIpAddr", 16820416), Map.entry("origDeviceName", "SIPTRUNK-CARRIER-A"),
                Map.entry("destDeviceName", "SEP00AABBCC2002"), Map.entry("globalCallId_ClusterID", "StandAloneCluster"),
                Map.entry("pkid", "5a000fb1-4c1e-4a2b-9c3d-000000000103")));

        CdrFile file = parser.parse("cdr_StandAloneCluster_01_202611261700_4301", file(cdrs, ringing, pickedUp));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.records()).extracting(CdrRecord::callKey).as("one call").containsExactly("1-1", "1-1");
        assertThat(file.records()).extracting(CdrRecord::recordKey).as("a CDR each")
                .containsExactly("1-1-101-102", "1-1-101-103");
        CdrRecord first = file.records().get(0);
        assertThat(first.called()).isEqualTo("2001");
        assertThat(first.disposition()).as("rang, then picked up elsewhere").isEqualTo("NO_ANSWER");
        assertThat(first.billableMs()).isZero();
        CdrRecord second = file.records().get(1);
        assertThat(second.called()).isEqualTo("2002");
        assertThat(second.disposition()).isEqualTo("ANSWERED");
        assertThat(second.answeredAt()).isEqualTo(Instant.parse("2026-11-26T17:00:08Z"));
        assertThat(second.billableMs()).isEqualTo(120_000);

        CdrPort.Outcome stored = ingest("cdr_StandAloneCluster_01_202611261700_4301", file(cdrs, ringing, pickedUp));
        assertThat(stored.read()).isEqualTo(2);
        assertThat(stored.stored()).as("the picked-up call is no duplicate of the ringing one").isEqualTo(2);
        assertThat(stored.duplicates()).isZero();
    }

    /** The guide's "CMR Processing": an SCCP phone writes a CMR each time the call is put on hold, all for its leg. */
    @Test
    void everyCmrOfALegHeldAndResumedIsKept() throws Exception {
        String cmrs = "cmr_StandAloneCluster_01_202611261500_4001";
        Map<String, Object> common = Map.of("cdrRecordType", 2, "globalCallID_callManagerId", 1,
                "globalCallID_callId", 4007, "nodeId", 1, "directoryNum", "2001", "callIdentifier", 17586090,
                "directoryNumPartition", "PT_INTERNAL", "globalCallId_ClusterID", "StandAloneCluster",
                "deviceName", "SEP001122334455");
        Map<String, Object> beforeHold = new java.util.HashMap<>(common);
        beforeHold.putAll(Map.of("dateTimeStamp", 1795707360, "numberPacketsSent", 3000, "numberPacketsReceived", 2990,
                "numberPacketsLost", 10, "jitter", 2, "latency", 10, "pkid", "6b000fb7-7d2e-4f3a-8b4c-000017586090",
                "varVQMetrics", "MLQK=4.4000;MLQKav=4.4000;MLQKmn=4.3000;MLQKmx=4.5000;ICR=0.0000;CCR=0.0000;ICRmx=0.0000;CS=0;SCS=0"));
        Map<String, Object> afterResume = new java.util.HashMap<>(common);
        afterResume.putAll(Map.of("dateTimeStamp", 1795707480, "numberPacketsSent", 4500, "numberPacketsReceived", 4410,
                "numberPacketsLost", 90, "jitter", 20, "latency", 40, "pkid", "6b000fb8-7d2e-4f3a-8b4c-000017586090",
                "varVQMetrics", "MLQK=3.2000;MLQKav=3.4000;MLQKmn=3.0000;MLQKmx=3.9000;ICR=0.0000;CCR=0.0180;ICRmx=0.0000;CS=3;SCS=1"));

        CdrFile file = parser.parse("cmr_StandAloneCluster_01_202611261500_4002",
                file(cmrs, row(cmrs, beforeHold), row(cmrs, afterResume)));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.quality()).extracting(QualityRecord::callKey).containsExactly("1-4007", "1-4007");
        assertThat(file.quality()).extracting(QualityRecord::recordKey).containsExactly(
                "1-4007-17586090-6b000fb7-7d2e-4f3a-8b4c-000017586090",
                "1-4007-17586090-6b000fb8-7d2e-4f3a-8b4c-000017586090");
        assertThat(file.quality()).extracting(QualityRecord::mos).containsExactly(4.4, 3.2);

        CdrPort.Outcome stored = ingest("cmr_StandAloneCluster_01_202611261500_4002",
                file(cmrs, row(cmrs, beforeHold), row(cmrs, afterResume)));
        assertThat(stored.stored()).as("the second hold's measurements are no duplicate of the first's").isEqualTo(2);
        assertThat(stored.duplicates()).isZero();
    }

    @Test
    void cdrFileGivesEachCallInUtcWithItsCauseKeysAndAddresses() throws Exception {
        CdrFile file = parser.parse("cdr_StandAloneCluster_01_202611261500_4001",
                fixture("valid", "cdr_StandAloneCluster_01_202611261500_4001"));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.quality()).isEmpty();
        assertThat(file.read()).isEqualTo(6);

        CdrRecord london = file.records().get(0);
        assertThat(london.source()).isEqualTo("hq-cucm");
        assertThat(london.recordKey()).as("global call id, originating and destination leg").isEqualTo("1-4001-17586046-17586047");
        assertThat(london.callKey()).isEqualTo("1-4001");
        assertThat(london.calling()).isEqualTo("2001");
        assertThat(london.called()).isEqualTo("9011442071234567");
        assertThat(london.startedAt()).as("epoch 1795705200").isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(london.answeredAt()).isEqualTo(Instant.parse("2026-11-26T15:00:07Z"));
        assertThat(london.endedAt()).isEqualTo(Instant.parse("2026-11-26T15:03:27Z"));
        assertThat(london.durationMs()).as("origination to disconnect").isEqualTo(207_000);
        assertThat(london.billableMs()).as("CUCM's duration, connect to disconnect").isEqualTo(200_000);
        assertThat(london.disposition()).isEqualTo("ANSWERED");
        assertThat(london.q850Cause()).isEqualTo(16);
        assertThat(london.sipCode()).isNull();
        assertThat(london.channel()).as("origIpAddr -1139627840").isEqualTo("192.168.18.188");
        assertThat(london.peerChannel()).as("destIpAddr -2126438902").isEqualTo("10.30.65.129");
        assertThat(london.trunk()).isEqualTo("SIPTRUNK-CARRIER-A");
        assertThat(london.account()).as("client matter code").isEqualTo("4711");

        CdrRecord busy = file.records().get(1);
        assertThat(busy.disposition()).isEqualTo("BUSY");
        assertThat(busy.q850Cause()).isEqualTo(17);
        assertThat(busy.answeredAt()).as("dateTimeConnect 0").isNull();
        assertThat(busy.durationMs()).isEqualTo(3_000);
        assertThat(busy.billableMs()).isZero();
        assertThat(busy.account()).isNull();
        assertThat(busy.channel()).as("origIpAddr 991078592").isEqualTo("192.168.18.59");
        assertThat(busy.peerChannel()).as("destIpAddr 16820416").isEqualTo("192.168.0.1");

        CdrRecord abandoned = file.records().get(2);
        assertThat(abandoned.called()).as("final called number empty: the original").isEqualTo("2004");
        assertThat(abandoned.disposition()).as("the caller cleared (16) before an answer").isEqualTo("NO_ANSWER");
        assertThat(abandoned.q850Cause()).isEqualTo(16);

        CdrRecord rejected = file.records().get(3);
        assertThat(rejected.disposition()).isEqualTo("REJECTED");
        assertThat(rejected.q850Cause()).isEqualTo(21);
        assertThat(rejected.channel()).as("origIpAddr 0: origIpv4v6Addr").isEqualTo("2001:db8:10::5");

        CdrRecord forwarded = file.records().get(4);
        assertThat(forwarded.calling()).isEqualTo("+14085551234");
        assertThat(forwarded.called()).as("forwarded from 2006").isEqualTo("2099");
        assertThat(forwarded.disposition()).isEqualTo("ANSWERED");
        assertThat(forwarded.q850Cause()).as("393216 (call split) is Cisco's, not Q.850").isNull();
        assertThat(forwarded.trunk()).as("destDeviceName, even inbound").isEqualTo("SEP0011AABB2099");
        assertThat(forwarded.billableMs()).isEqualTo(300_000);

        CdrRecord emergency = file.records().get(5);
        assertThat(emergency.called()).isEqualTo("911");
        assertThat(emergency.trunk()).isEqualTo("SIPTRUNK-E911");
        assertThat(emergency.callKey()).isEqualTo("1-4006");
    }

    @Test
    void cmrFileGivesEachLegsQualityUnderItsCallsKey() throws Exception {
        CdrFile file = parser.parse("cmr_StandAloneCluster_01_202611261500_4001",
                fixture("valid", "cmr_StandAloneCluster_01_202611261500_4001"));
        assertThat(file.rejected()).isEmpty();
        assertThat(file.records()).isEmpty();
        assertThat(file.quality()).hasSize(3);

        QualityRecord caller = file.quality().get(0);
        assertThat(caller.source()).isEqualTo("hq-cucm");
        assertThat(caller.recordKey()).as("global call id, leg and pkid")
                .isEqualTo("1-4001-17586046-6b000fa1-7d2e-4f3a-8b4c-000017586046");
        assertThat(caller.callKey()).as("the CDR's call key").isEqualTo("1-4001");
        assertThat(caller.leg()).isEqualTo("SEP001122334455");
        assertThat(caller.jitterMs()).isEqualTo(3.0);
        assertThat(caller.latencyMs()).isEqualTo(12.0);
        assertThat(caller.lossPercent()).as("50 lost of 9950 + 50").isEqualTo(0.5);
        assertThat(caller.mos()).as("MLQK=4.5000").isEqualTo(4.5);

        QualityRecord forwarded = file.quality().get(1);
        assertThat(forwarded.recordKey()).isEqualTo("1-4005-17586071-6b000fa5-7d2e-4f3a-8b4c-000017586071");
        assertThat(forwarded.lossPercent()).as("120 lost of 14880 + 120").isEqualTo(0.8);
        assertThat(forwarded.jitterMs()).isEqualTo(28.0);
        assertThat(forwarded.mos()).isEqualTo(3.1);

        QualityRecord silent = file.quality().get(2);
        assertThat(silent.lossPercent()).as("nothing received").isNull();
        assertThat(silent.mos()).as("MLQK=0.0000 is no score").isNull();
    }

    @Test
    void addressesAreSigned32BitIntegersWithTheFirstOctetInTheLowByte() {
        assertThat(CucmCdrParser.ipv4(-1139627840)).as("the guide's example").isEqualTo("192.168.18.188");
        assertThat(CucmCdrParser.ipv4(991078592)).isEqualTo("192.168.18.59");
        assertThat(CucmCdrParser.ipv4(-2126438902)).isEqualTo("10.30.65.129");
        assertThat(CucmCdrParser.ipv4(16820416)).isEqualTo("192.168.0.1");
        assertThat(CucmCdrParser.ipv4(-1062731775)).as("0xC0A80001, which read big-endian would be 192.168.0.1")
                .isEqualTo("1.0.168.192");
        assertThat(CucmCdrParser.ipv4(-1)).isEqualTo("255.255.255.255");
    }

    @Test
    void theCauseKeptIsTheOneThatSaysWhyTheCallEnded() {
        assertThat(CucmCdrParser.q850(16, 0)).isEqualTo(16);
        assertThat(CucmCdrParser.q850(0, 17)).isEqualTo(17);
        assertThat(CucmCdrParser.q850(16, 21)).as("the destination's non-normal cause first").isEqualTo(21);
        assertThat(CucmCdrParser.q850(31, 16)).as("an originating non-normal cause over a normal one").isEqualTo(31);
        assertThat(CucmCdrParser.q850(34, 41)).isEqualTo(41);
        assertThat(CucmCdrParser.q850(262144, 16)).as("conference drop is Cisco's").isEqualTo(16);
        assertThat(CucmCdrParser.q850(0, 0)).isNull();

        List<CdrRecord> records = parser.parse("cdr_small", smallCdrFile(
                "0,5001,2,9001,9002,1795705200,0,1795705205,\"2001\",\"9011331234\",\"9011331234\",0,34,0,0,\"SIPTRUNK-B\"",
                "0,5002,2,9003,9004,1795705200,0,1795705201,\"2001\",\"2002\",\"2002\",0,19,0,0,\"\"",
                "0,5003,2,9005,9006,1795705200,0,1795705201,\"2001\",\"2002\",\"2002\",0,0,0,0,\"\"",
                "0,5004,2,9007,0,1795705200,0,1795705201,\"2001\",\"2002\",\"2002\",0,41,0,0,\"\"")).records();
        assertThat(records).extracting(CdrRecord::disposition).containsExactly("CONGESTION", "NO_ANSWER", "FAILED", "FAILED");
        CdrRecord congestion = records.get(0);
        assertThat(congestion.recordKey()).as("columns by name, in any order and case").isEqualTo("2-5001-9001-9002");
        assertThat(congestion.trunk()).isEqualTo("SIPTRUNK-B");
        assertThat(congestion.channel()).as("address 0 and no origIpv4v6Addr column").isNull();
        assertThat(congestion.account()).as("no clientMatterCode column").isNull();
        assertThat(records.get(1).trunk()).isNull();
    }

    @Test
    void everyBadCdrLineIsSetAsideWithItsLineAndColumn() throws Exception {
        CdrFile file = parser.parse("cdr_StandAloneCluster_01_202611261600_4101",
                fixture("invalid", "cdr_StandAloneCluster_01_202611261600_4101"));
        assertThat(file.records()).isEmpty();
        assertThat(file.read()).isEqualTo(8);
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 5 (dateTimeOrigination): '2026-11-26 16:00' is not a time in epoch seconds",
                "column 3 (globalCallID_callId): 'abc' is not a whole number",
                "column 8 (origIpAddr): '3232235777' is not a signed 32-bit IPv4 address",
                "column 12 (origCause_value): '-1' is not a cause code",
                "expected 129 columns as the header row names, got 5",
                "quote opened at character 46 is never closed",
                "column 49 (dateTimeDisconnect): 1795708740 is before the origination 1795708800",
                "column 56 (duration): '1.5' is not a whole number of seconds");
    }

    @Test
    void everyBadCmrLineIsSetAsideWithItsLineAndColumn() throws Exception {
        CdrFile file = parser.parse("cmr_StandAloneCluster_01_202611261600_4101",
                fixture("invalid", "cmr_StandAloneCluster_01_202611261600_4101"));
        assertThat(file.quality()).isEmpty();
        assertThat(file.rejected()).extracting(RejectedLine::lineNumber).containsExactly(3, 4, 5, 6);
        assertThat(file.rejected()).extracting(RejectedLine::reason).containsExactly(
                "column 13 (jitter): 'x' is not a whole number of milliseconds",
                "column 19 (varVQMetrics): MLQK 'high' is not a number",
                "column 19 (varVQMetrics): MLQK 7.2000 is not a MOS from 1 to 5",
                "column 12 (numberPacketsLost): 'n/a' is not a number of packets");
    }

    @Test
    void aFileWithoutTheColumnsOrTheTypeRowIsRefusedWhole() throws Exception {
        assertThatThrownBy(() -> parser.parse("cdr_StandAloneCluster_01_202611261700_4201",
                fixture("invalid", "cdr_StandAloneCluster_01_202611261700_4201")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("CUCM CDR header row has no column 'dateTimeConnect'");
        assertThatThrownBy(() -> parser.parse("cmr_x", List.of("\"globalCallID_callManagerId\",\"globalCallID_callId\","
                + "\"numberPacketsLost\"", "\"INTEGER\",\"INTEGER\",\"INTEGER\"", "1,2,3")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("CUCM CMR header row has no column 'callIdentifier'");
        assertThatThrownBy(() -> parser.parse("x", List.of("\"callId\",\"start\"", "\"INTEGER\",\"INTEGER\"")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("header row is neither a CUCM CDR's (no origCause_value) nor a CMR's "
                        + "(no numberPacketsLost or varVQMetrics)");
        List<String> cdr = fixture("valid", "cdr_StandAloneCluster_01_202611261500_4001");
        assertThatThrownBy(() -> parser.parse("cdr_x", List.of(cdr.get(0))))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("CUCM file: expected a row of field names and a row of their types, got 1 header rows");
        assertThatThrownBy(() -> parser.parse("cdr_x", List.of(cdr.get(0), cdr.get(2))))
                .as("a record where the type row belongs")
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("CUCM type row: column 1 holds '1', not a data type such as INTEGER or VARCHAR(50)");
    }
}
