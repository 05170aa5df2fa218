package io.trunkline.rules.routing;

import io.trunkline.contract.telecom.PbxId;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which routing policy applies to a call: asked with the calling PBX, the destination's class and
 * number and the site's local time; answered by the first matching row of the analysts'
 * RoutingPolicy table (strategy, carriers, quality floor, maximum rate, caller-ID policy, STIR/SHAKEN attestation
 * floor and premium).
 */
public class PolicyQuery {

    /** Cells listing several values, split on commas and spaces (compiled once: rules call this per row and fact). */
    private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile("[,\\s]+");

    private final PbxId pbx;
    private final String callClass;
    private final String destination;
    private final LocalTime localTime;
    private final DayOfWeek day;

    private String strategy;
    private String carriers = "";
    private Double minAsr;
    private Double minMos;
    private String floorAction = "LAST";
    private BigDecimal maxRate;
    private String callerId = "MAIN_NUMBER";
    private String attestationFloor;
    private BigDecimal attestationPremium;
    private String decidedBy;
    private String rejection;
    private final List<String> trace = new ArrayList<>();

    public PolicyQuery(PbxId pbx, String callClass, String destination, LocalTime localTime, DayOfWeek day) {
        this.pbx = java.util.Objects.requireNonNull(pbx, "pbx");
        this.callClass = callClass;
        this.destination = destination;
        this.localTime = localTime;
        this.day = day;
    }

    /** True when the calling PBX is one of the space- or comma-separated ids ({@code *} for any). */
    public boolean pbxIn(String pbxs) {
        for (String p : LIST.split(pbxs)) {
            if (p.equals("*") || p.equals(pbx.value())) {
                return true;
            }
        }
        return false;
    }

    public boolean destinationStartsWith(String prefixes) {
        for (String p : LIST.split(prefixes)) {
            if (!p.isEmpty() && destination.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when the site's local time is inside the window, e.g. {@code 08:00-18:00 Mon-Fri}. */
    public boolean within(String window) {
        return TimeWindow.parse(window).contains(day, localTime);
    }

    /** Fixes the policy: the strategy and which row chose it. */
    public void choose(String rule, String chosenStrategy) {
        this.strategy = chosenStrategy;
        this.decidedBy = rule;
        trace.add(rule + ": " + chosenStrategy + " over [" + carriers + "]"
                + (minAsr != null || minMos != null ? ", floor ASR " + minAsr + " MOS " + minMos + " (" + floorAction + ")" : "")
                + (maxRate != null ? ", max rate " + maxRate.toPlainString() : "")
                + ", caller ID " + callerId
                + (attestationFloor != null ? ", attestation floor " + attestationFloor : "")
                + (attestationPremium != null ? ", attestation premium " + attestationPremium.toPlainString() + " %" : ""));
    }

    public void reject(String rule, String reason) {
        this.rejection = reason;
        this.decidedBy = rule;
        trace.add(rule + ": " + reason);
    }

    /** The calling PBX's id as text, as the routing table's PBX column names it. */
    public String getPbx() {
        return pbx.value();
    }

    public PbxId getPbxId() {
        return pbx;
    }

    public String getCallClass() {
        return callClass;
    }

    public String getDestination() {
        return destination;
    }

    public LocalTime getLocalTime() {
        return localTime;
    }

    public DayOfWeek getDay() {
        return day;
    }

    public String getStrategy() {
        return strategy;
    }

    public String getCarriers() {
        return carriers;
    }

    public void setCarriers(String carriers) {
        this.carriers = carriers == null ? "" : carriers.trim();
    }

    public Double getMinAsr() {
        return minAsr;
    }

    public void setMinAsr(double minAsr) {
        this.minAsr = minAsr;
    }

    public Double getMinMos() {
        return minMos;
    }

    public void setMinMos(double minMos) {
        this.minMos = minMos;
    }

    public String getFloorAction() {
        return floorAction;
    }

    public void setFloorAction(String floorAction) {
        this.floorAction = floorAction;
    }

    public BigDecimal getMaxRate() {
        return maxRate;
    }

    public void setMaxRate(BigDecimal maxRate) {
        this.maxRate = maxRate;
    }

    public String getCallerId() {
        return callerId;
    }

    public void setCallerId(String callerId) {
        this.callerId = callerId;
    }

    /** The lowest attestation (A, B or C) a call may arrive with; carriers that would deliver less are dropped. Null: none. */
    public String getAttestationFloor() {
        return attestationFloor;
    }

    public void setAttestationFloor(String attestationFloor) {
        this.attestationFloor = attestationFloor == null || attestationFloor.isBlank() ? null : attestationFloor.trim();
    }

    /** How many percent more per minute a carrier that delivers A may cost and still go first. Null: none. */
    public BigDecimal getAttestationPremium() {
        return attestationPremium;
    }

    public void setAttestationPremium(BigDecimal attestationPremium) {
        this.attestationPremium = attestationPremium;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getRejection() {
        return rejection;
    }

    public List<String> getTrace() {
        return Collections.unmodifiableList(trace);
    }
}
