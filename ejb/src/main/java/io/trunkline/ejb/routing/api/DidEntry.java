package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.contract.telecom.PbxId;

/** A direct inward dialling number as master data is read and written: its carrier, and where its calls go. */
public record DidEntry(E164Number number, CarrierId carrier, PbxId pbx, String extension) {
}
