package io.trunkline.ejb.sla.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** SLA terms for tests: carrier-a at 99.9 % with the usual 5/10/25 % schedule, changed field by field. */
final class SlaTermsBuilder {

    private String carrier = "carrier-a";
    private BigDecimal availability = new BigDecimal("99.9");
    private ZoneId zone = ZoneId.of("UTC");
    private int claimWindowDays = 60;
    private String email = "sla@carrier-a.example";
    private BigDecimal charge = new BigDecimal("12000.00");
    private String currency = "EUR";
    private BigDecimal mosFloor = new BigDecimal("3.8");
    private List<SlaTerms.Band> schedule = new ArrayList<>(List.of(band("99.9", "5"), band("99.5", "10"), band("99.0", "25")));

    static SlaTermsBuilder carrierA() {
        return new SlaTermsBuilder();
    }

    static SlaTerms.Band band(String below, String credit) {
        return new SlaTerms.Band(new BigDecimal(below), new BigDecimal(credit));
    }

    SlaTermsBuilder zone(String z) {
        zone = ZoneId.of(z);
        return this;
    }

    SlaTermsBuilder email(String e) {
        email = e;
        return this;
    }

    SlaTermsBuilder charge(String c) {
        charge = new BigDecimal(c);
        return this;
    }

    SlaTermsBuilder mosFloor(String m) {
        mosFloor = new BigDecimal(m);
        return this;
    }

    SlaTermsBuilder schedule(SlaTerms.Band... bands) {
        schedule = List.of(bands);
        return this;
    }

    SlaTermsBuilder claimWindowDays(int d) {
        claimWindowDays = d;
        return this;
    }

    SlaTerms build() {
        return new SlaTerms(carrier, availability, new BigDecimal("40"), 4000, new BigDecimal("95"), mosFloor, zone,
                claimWindowDays, email, charge, currency, schedule, Instant.parse("2026-11-01T00:00:00Z"), "olga");
    }
}
