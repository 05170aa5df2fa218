package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.PbxId;

import io.trunkline.contract.telecom.CarrierId;

import io.trunkline.contract.telecom.E164Number;

/** A direct inward dialling number: the carrier that holds it and where its calls go. */
public record Did(E164Number number, CarrierId carrier, PbxId pbx, String extension) {
}
