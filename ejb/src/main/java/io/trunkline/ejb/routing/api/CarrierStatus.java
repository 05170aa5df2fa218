package io.trunkline.ejb.routing.api;

/** A carrier's live state as ops set it: up or down, its calls, its answer-seizure ratio and MOS (null: unknown). */
public record CarrierStatus(boolean up, int activeCalls, Double asrPercent, Double mos) {
}
