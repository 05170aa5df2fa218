package io.trunkline.ejb.routing.domain;

/** A direct inward dialling number: the carrier that holds it and where its calls go. */
public record Did(E164Number number, CarrierId carrier, PbxId pbx, String extension) {
}
