package io.trunkline.ejb.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The evidence ZIP: its five files, the outage windows and failed calls as RFC 4180 CSV, the summary escaped. */
class EvidencePackageTest {

    @Test
    void theZipHoldsTheSummaryAndTheEvidenceAsCsv() throws Exception {
        SlaTerms terms = SlaTermsBuilder.carrierA().build();
        YearMonth october = YearMonth.of(2026, 10);
        MonthReport report = MonthReport.measure(terms, october, List.of(
                        new Outage.TrunkChange("edge-1", Instant.parse("2026-10-10T00:00:00Z"), false),
                        new Outage.TrunkChange("edge-1", Instant.parse("2026-10-10T01:00:00Z"), true)),
                List.of(new Outage(Instant.parse("2026-10-12T00:00:00Z"), Instant.parse("2026-10-12T00:30:00Z"), "incident",
                        "INC-4: Calls to \"LON\", degraded")), List.of());
        Claim claim = new Claim(7, "carrier-a", october, Instant.parse("2026-11-02T09:00:00Z"), "carla",
                new BigDecimal("99.7984"), 5400, 0, "availability <99.9", new BigDecimal("5.00"), new BigDecimal("600.00"),
                "EUR", terms.claimDeadline(october), "OPEN", null, null, null, null, null, null, null, null);
        List<SlaSources.FailedAttempt> calls = List.of(new SlaSources.FailedAttempt("c-1", Instant.parse("2026-10-10T00:10:00Z"),
                "+442071234567", 503, 1, "carrier-a", 503, null));

        Map<String, String> files = unzip(EvidencePackage.zip(claim, report, calls, Instant.parse("2026-11-02T09:00:01Z")));

        assertThat(files).containsOnlyKeys(EvidencePackage.SUMMARY, EvidencePackage.OUTAGES, EvidencePackage.WINDOWS,
                EvidencePackage.CALLS, EvidencePackage.INCIDENTS);
        assertThat(files.get(EvidencePackage.OUTAGES).split("\r\n")).containsExactly("from_utc,to_utc,seconds,source,detail",
                "2026-10-10T00:00:00Z,2026-10-10T01:00:00Z,3600,trunk,down on edge-1",
                "2026-10-12T00:00:00Z,2026-10-12T00:30:00Z,1800,incident,\"INC-4: Calls to \"\"LON\"\", degraded\"");
        assertThat(files.get(EvidencePackage.CALLS)).endsWith("c-1,2026-10-10T00:10:00Z,+442071234567,503,1,carrier-a,503,\r\n");
        assertThat(files.get(EvidencePackage.INCIDENTS).lines()).hasSize(2);
        assertThat(files.get(EvidencePackage.SUMMARY)).contains("SLA-7", "5.00 % of 12000.00 EUR = 600.00 EUR",
                "availability &lt;99.9").doesNotContain("<99.9");
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
