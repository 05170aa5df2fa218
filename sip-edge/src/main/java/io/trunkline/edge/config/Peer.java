package io.trunkline.edge.config;

/** A configured party the edge takes calls from: a PBX (its calls go out) or a carrier (its calls come in). */
public record Peer(Kind kind, String id) {

    public enum Kind { PBX, CARRIER }
}
