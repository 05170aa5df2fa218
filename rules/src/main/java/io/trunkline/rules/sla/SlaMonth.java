package io.trunkline.rules.sla;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One carrier's measured month beside the terms of its contract: availability (share of the month outside outage
 * windows), and the month's ASR, NER, PDD p95 and MOS over every metric window of the carrier, with the floors and
 * ceiling the contract sets (null: the contract sets none, and that measure is never breached). The analysts' table
 * records a breach per measure that missed its term; the month's credit is the largest credit of its breaches
 * (contracts rarely add credits up: the customer gets the worst band, capped at the monthly charge). The
 * table judges the {@link SlaMeasure} facts {@link #measures()} makes.
 */
public class SlaMonth {

    /** A band of the contract's credit schedule: availability below {@code belowPercent} earns {@code creditPercent}. */
    public record Band(double belowPercent, double creditPercent) {
    }

    private final String carrier;
    private final String month;
    private final long attempts;
    private final double availabilityPercent;
    private final Double availabilityTarget;
    private final Double asrPercent;
    private final Double asrFloor;
    private final Double nerPercent;
    private final Double nerFloor;
    private final Long pddP95Ms;
    private final Long pddCeilingMs;
    private final Double mos;
    private final Double mosFloor;
    private final List<Band> schedule;

    public SlaMonth(String carrier, String month, long attempts, double availabilityPercent, Double availabilityTarget,
                    Double asrPercent, Double asrFloor, Double nerPercent, Double nerFloor, Long pddP95Ms,
                    Long pddCeilingMs, Double mos, Double mosFloor, List<Band> schedule) {
        this.carrier = carrier;
        this.month = month;
        this.attempts = attempts;
        this.availabilityPercent = availabilityPercent;
        this.availabilityTarget = availabilityTarget;
        this.asrPercent = asrPercent;
        this.asrFloor = asrFloor;
        this.nerPercent = nerPercent;
        this.nerFloor = nerFloor;
        this.pddP95Ms = pddP95Ms;
        this.pddCeilingMs = pddCeilingMs;
        this.mos = mos;
        this.mosFloor = mosFloor;
        this.schedule = List.copyOf(schedule);
    }

    /** Whether {@code measure} (availability, asr, ner, pdd, mos) missed the contract's term this month. */
    public boolean breached(String measure) {
        return switch (measure) {
            case "availability" -> availabilityTarget != null && availabilityPercent < availabilityTarget;
            case "asr" -> below(asrPercent, asrFloor);
            case "ner" -> below(nerPercent, nerFloor);
            case "mos" -> below(mos, mosFloor);
            case "pdd" -> pddP95Ms != null && pddCeilingMs != null && pddP95Ms > pddCeilingMs;
            default -> false;
        };
    }

    private static boolean below(Double measured, Double floor) {
        return measured != null && floor != null && measured < floor;
    }

    /** The credit % of the schedule's band the availability falls in (the lowest band it is below), 0 for none. */
    public double scheduleCredit() {
        return schedule.stream().filter(b -> availabilityPercent < b.belowPercent())
                .min(Comparator.comparingDouble(Band::belowPercent)).map(Band::creditPercent).orElse(0.0);
    }

    /** The facts the table judges: one per measure. */
    public List<SlaMeasure> measures() {
        double band = scheduleCredit();
        List<SlaMeasure> out = new ArrayList<>();
        out.add(new SlaMeasure(carrier, month, "availability", attempts, availabilityPercent, availabilityTarget,
                breached("availability"), band));
        out.add(new SlaMeasure(carrier, month, "asr", attempts, asrPercent, asrFloor, breached("asr"), band));
        out.add(new SlaMeasure(carrier, month, "ner", attempts, nerPercent, nerFloor, breached("ner"), band));
        out.add(new SlaMeasure(carrier, month, "pdd", attempts, pddP95Ms == null ? null : pddP95Ms.doubleValue(),
                pddCeilingMs == null ? null : pddCeilingMs.doubleValue(), breached("pdd"), band));
        out.add(new SlaMeasure(carrier, month, "mos", attempts, mos, mosFloor, breached("mos"), band));
        return out;
    }

    /** The month's credit from judged measures: the largest, capped at 100 %. */
    public static double creditPercent(List<SlaMeasure> judged) {
        return Math.min(100.0, judged.stream().filter(SlaMeasure::isClaimed).mapToDouble(SlaMeasure::getCreditPercent)
                .max().orElse(0.0));
    }

    public String getCarrier() {
        return carrier;
    }

    public String getMonth() {
        return month;
    }

    public long getAttempts() {
        return attempts;
    }

    public double getAvailabilityPercent() {
        return availabilityPercent;
    }
}
