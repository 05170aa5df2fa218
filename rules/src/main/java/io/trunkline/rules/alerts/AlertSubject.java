package io.trunkline.rules.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * One subject as the alert thresholds see it: its latest 5-minute window with calls (attempts, ASR, NER as the
 * call success ratio, PDD p95, MOS), whether its trunk is down by OPTIONS, whether it carried no call in the
 * last hour although inside its busy hours, an open incident its carrier's status feed reports, and the share of
 * the inbound STIR/SHAKEN identities it brought that failed verification. Figures not measured are null, and a
 * condition on them never holds. Rows of the table that hold add an alert each.
 */
public class AlertSubject {

    /** One alert raised by a row: its title, severity and how long it may stay unacknowledged. */
    public record Raised(String rule, String title, String severity, String escalateAfter) {
    }

    private final String origin;
    private final String dimension;
    private final String subject;
    private final int attempts;
    private final Double asrPercent;
    private final Double successPercent;
    private final Long pddP95Ms;
    private final Double mos;
    private final boolean trunkDown;
    private final boolean silentInBusyHours;
    private final String incident;
    private final int identitiesVerified;
    private final Double identityFailedPercent;
    private String severity = "WARNING";
    private String escalateAfter = "";
    private final List<Raised> raised = new ArrayList<>();

    public AlertSubject(String origin, String dimension, String subject, int attempts, Double asrPercent,
                        Double successPercent, Long pddP95Ms, Double mos, boolean trunkDown, boolean silentInBusyHours,
                        String incident) {
        this(origin, dimension, subject, attempts, asrPercent, successPercent, pddP95Ms, mos, trunkDown,
                silentInBusyHours, incident, 0, null);
    }

    /**
     * A subject with its inbound identities.
     *
     * @param identitiesVerified    inbound identities the edge verified (passed or failed) in the window
     * @param identityFailedPercent of those, the percentage that failed; null when none was verified
     */
    public AlertSubject(String origin, String dimension, String subject, int attempts, Double asrPercent,
                        Double successPercent, Long pddP95Ms, Double mos, boolean trunkDown, boolean silentInBusyHours,
                        String incident, int identitiesVerified, Double identityFailedPercent) {
        this.origin = origin;
        this.dimension = dimension;
        this.subject = subject;
        this.attempts = attempts;
        this.asrPercent = asrPercent;
        this.successPercent = successPercent;
        this.pddP95Ms = pddP95Ms;
        this.mos = mos;
        this.trunkDown = trunkDown;
        this.silentInBusyHours = silentInBusyHours;
        this.incident = incident;
        this.identitiesVerified = identitiesVerified;
        this.identityFailedPercent = identityFailedPercent;
    }

    public String getOrigin() {
        return origin;
    }

    public String getDimension() {
        return dimension;
    }

    public String getSubject() {
        return subject;
    }

    public int getAttempts() {
        return attempts;
    }

    public boolean isTrunkDown() {
        return trunkDown;
    }

    public boolean isSilentInBusyHours() {
        return silentInBusyHours;
    }

    public boolean hasIncident() {
        return incident != null;
    }

    public String getIncident() {
        return incident;
    }

    /** Subjects as the table writes them: ids separated by spaces, or {@code *} for any. */
    public boolean subjectIn(String list) {
        if (list == null || list.isBlank() || list.trim().equals("*")) {
            return true;
        }
        for (String s : list.trim().split("\\s+")) {
            if (s.equals(subject)) {
                return true;
            }
        }
        return false;
    }

    public boolean asrBelow(double percent) {
        return asrPercent != null && asrPercent < percent;
    }

    public boolean successBelow(double percent) {
        return successPercent != null && successPercent < percent;
    }

    public boolean pddP95Above(long ms) {
        return pddP95Ms != null && pddP95Ms > ms;
    }

    public boolean mosBelow(double floor) {
        return mos != null && mos < floor;
    }

    /** The fewest verified identities in a window whose failed share is judged (a ratio of two says little). */
    public static final int MIN_IDENTITIES = 10;

    /** More than {@code percent} % of at least {@link #MIN_IDENTITIES} inbound identities verified failed. */
    public boolean identityFailedAbove(double percent) {
        return identitiesVerified >= MIN_IDENTITIES && identityFailedPercent != null && identityFailedPercent > percent;
    }

    public int getIdentitiesVerified() {
        return identitiesVerified;
    }

    public Double getIdentityFailedPercent() {
        return identityFailedPercent;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public void setEscalateAfter(String escalateAfter) {
        this.escalateAfter = escalateAfter;
    }

    /** Adds the alert of the row that held, with the severity and escalation its row set just before. */
    public void raise(String rule, String title) {
        raised.add(new Raised(rule, title, severity, escalateAfter));
        severity = "WARNING";
        escalateAfter = "";
    }

    public List<Raised> getRaised() {
        return List.copyOf(raised);
    }

    public Double getAsrPercent() {
        return asrPercent;
    }

    public Double getSuccessPercent() {
        return successPercent;
    }

    public Long getPddP95Ms() {
        return pddP95Ms;
    }

    public Double getMos() {
        return mos;
    }
}
