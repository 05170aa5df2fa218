package io.trunkline.ejb.routing.domain;

/** What a carrier is able and licensed to carry besides ordinary calls to its licensed countries. */
public enum Capability {
    EMERGENCY,
    TOLL_FREE,
    INTERNATIONAL,
    PREMIUM
}
