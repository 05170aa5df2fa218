package io.trunkline.ejb.routing.domain;

/**
 * A carrier's live state: administratively or by probing up or down, calls in progress, and its recent
 * quality (ASR in percent, MOS), null when not known yet.
 */
public record CarrierState(boolean up, int activeCalls, Double asrPercent, Double mos) {

    public static final CarrierState UNKNOWN = new CarrierState(true, 0, null, null);
}
