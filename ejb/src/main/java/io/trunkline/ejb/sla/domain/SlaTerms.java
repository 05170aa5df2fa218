package io.trunkline.ejb.sla.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A carrier's SLA as its contract states it. Percentages are 0-100; a floor or ceiling left null is not part of the
 * contract. The measurement period is the calendar month in {@code zone}; a claim must reach the carrier within
 * {@code claimWindowDays} after the period ends; credits are a percentage of {@code monthlyCharge}.
 */
public record SlaTerms(String carrier, BigDecimal availabilityPercent, BigDecimal asrFloorPercent, Integer pddCeilingMs,
                       BigDecimal nerFloorPercent, BigDecimal mosFloor, ZoneId zone, int claimWindowDays,
                       String claimsEmail, BigDecimal monthlyCharge, String currency, List<Band> schedule,
                       Instant updatedAt, String updatedBy) {

    /** Availability below {@code belowPercent} earns {@code creditPercent} of the monthly charge. */
    public record Band(BigDecimal belowPercent, BigDecimal creditPercent) {
    }

    /** The schedule is kept mildest band first (highest threshold). */
    public SlaTerms {
        schedule = sorted(schedule);
    }

    /** When the month starts and ends, in the contract's zone. */
    public Instant monthStart(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The last moment a claim for {@code month} may reach the carrier: the end of the claim window's last day. */
    public Instant claimDeadline(YearMonth month) {
        return month.plusMonths(1).atDay(1).plusDays(claimWindowDays).atStartOfDay(zone).toInstant();
    }

    /** The credit {@code percent} of the monthly charge earns, rounded to the cent (half up, as invoices are). */
    public BigDecimal credit(BigDecimal percent) {
        return monthlyCharge.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /** The schedule as stored and shown: {@code 99.9:5,99.5:10,99.0:25}, highest threshold first. */
    public static String format(List<Band> schedule) {
        StringBuilder b = new StringBuilder();
        for (Band band : sorted(schedule)) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(band.belowPercent().toPlainString()).append(':').append(band.creditPercent().toPlainString());
        }
        return b.toString();
    }

    /** Parses {@link #format}'s form; {@link IllegalArgumentException} saying what is wrong. */
    public static List<Band> parse(String text) {
        List<Band> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] p = part.trim().split(":");
            if (p.length != 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not below:credit such as 99.9:5");
            }
            out.add(new Band(new BigDecimal(p[0].trim()), new BigDecimal(p[1].trim())));
        }
        return sorted(out);
    }

    private static List<Band> sorted(List<Band> bands) {
        return List.copyOf(bands.stream().sorted(Comparator.comparing(Band::belowPercent).reversed()).toList());
    }
}
