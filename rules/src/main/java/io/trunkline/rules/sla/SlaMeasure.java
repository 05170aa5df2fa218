package io.trunkline.rules.sla;

/**
 * One measure of a carrier's month (availability, asr, ner, pdd, mos) beside the contract's term for it: whether it
 * missed the term, on how many call attempts, and the credit the contract's schedule gives for the month's
 * availability. A row of the analysts' table that holds records the credit the breach earns.
 */
public class SlaMeasure {

    private final String carrier;
    private final String month;
    private final String measure;
    private final long attempts;
    private final Double measured;
    private final Double term;
    private final boolean breached;
    private final double scheduleCredit;
    private String rule;
    private Double creditPercent;

    public SlaMeasure(String carrier, String month, String measure, long attempts, Double measured, Double term,
                      boolean breached, double scheduleCredit) {
        this.carrier = carrier;
        this.month = month;
        this.measure = measure;
        this.attempts = attempts;
        this.measured = measured;
        this.term = term;
        this.breached = breached;
        this.scheduleCredit = scheduleCredit;
    }

    /**
     * Table action: the breach earns {@code credit}, {@code schedule} for the contract's availability band or a
     * percentage of the monthly charge. The first row that holds decides (a later row does not overwrite it).
     */
    public void credit(String rule, String credit) {
        if (this.rule != null) {
            return;
        }
        String c = credit.trim();
        this.rule = rule;
        this.creditPercent = c.equalsIgnoreCase("schedule") ? scheduleCredit : Double.parseDouble(c.replace("%", "").trim());
    }

    /** Whether a row of the table judged this measure a breach. */
    public boolean isClaimed() {
        return rule != null;
    }

    public String getCarrier() {
        return carrier;
    }

    public String getMonth() {
        return month;
    }

    public String getMeasure() {
        return measure;
    }

    public long getAttempts() {
        return attempts;
    }

    public Double getMeasured() {
        return measured;
    }

    public Double getTerm() {
        return term;
    }

    public boolean isBreached() {
        return breached;
    }

    public double getScheduleCredit() {
        return scheduleCredit;
    }

    public String getRule() {
        return rule;
    }

    public Double getCreditPercent() {
        return creditPercent;
    }
}
