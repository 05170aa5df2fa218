package io.trunkline.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rulebooks Trunkline decides with, each compiled into its own kbase, with the resources that make
 * it up. The list is explicit because the platform compiles rulebooks from bytes inside an application
 * server, where classpath scanning for rule files is not dependable.
 */
public enum Rulebook {

    /** Per-PBX dial plans: what the user dialed, turned into E.164 or an internal extension. */
    DIALPLAN("dialplan", List.of("DialPlanNormalization.drl.xlsx", "DialPlanFallback.drl")),

    /** What kind of destination a normalized number is: emergency, internal, toll-free, premium, ... */
    CLASSIFICATION("classification", List.of("DestinationClassification.drl.xlsx", "DestinationFallback.drl")),

    /** Which policy orders the carriers for a call: strategy, carriers, floors, maximum rate, caller ID. */
    ROUTING("routing", List.of("RoutingPolicy.drl.xlsx", "RoutingPolicyFallback.drl")),

    /** When a carrier, trunk, PBX or destination class raises an alert: the analysts' thresholds. */
    ALERTS("alerts", List.of("AlertThresholds.drl.xlsx")),

    /** Which calls are toll fraud: restricted destinations and hours, velocity rows judged on cluster-wide counters. */
    FRAUD("fraud", List.of("FraudPolicy.drl.xlsx")),

    /**
     * STIR/SHAKEN: which attestation an outbound call gets and whether it is signed at all; what happens to an inbound
     * call whose identity failed or is missing.
     */
    ATTESTATION("attestation", List.of("Attestation.drl.xlsx", "InboundIdentity.drl.xlsx", "AttestationFallback.drl")),

    /**
     * SLA credits: which measures of a carrier's month (availability, ASR, NER, PDD, MOS) missed the contract's terms,
     * and the credit each earns (the contract's schedule band, or a fixed percentage of the monthly charge).
     */
    SLA("sla", List.of("SlaCredit.drl.xlsx"));

    private final String kbaseName;
    private final List<String> resources;

    Rulebook(String kbaseName, List<String> resources) {
        this.kbaseName = kbaseName;
        this.resources = resources;
    }

    public String kbaseName() {
        return kbaseName;
    }

    /** The DRL package, and the classpath folder the resources sit in. */
    public String packageName() {
        return "io.trunkline.rules." + kbaseName;
    }

    public String resourceFolder() {
        return packageName().replace('.', '/') + "/";
    }

    /** File names of the rulebook's DRL files and decision tables, in its resource folder. */
    public List<String> resources() {
        return resources;
    }

    /** The analysts' decision tables among the resources. */
    public List<String> decisionTables() {
        return resources.stream().filter(Rulebook::isDecisionTable).toList();
    }

    public static boolean isDecisionTable(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xlsx") || lower.endsWith(".xls") || lower.endsWith(".csv");
    }

    public static Optional<Rulebook> byName(String name) {
        for (Rulebook r : values()) {
            if (r.kbaseName.equalsIgnoreCase(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
