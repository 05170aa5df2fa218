package io.trunkline.edge.config;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;

/** A configured party the edge takes calls from: a PBX (its calls go out) or a carrier (its calls come in). */
public sealed interface Peer permits Peer.Pbx, Peer.Carrier {

    /** The peer's id as configured and as the platform names it. */
    String name();

    record Pbx(PbxId id) implements Peer {
        @Override
        public String name() {
            return id.value();
        }
    }

    record Carrier(CarrierId id) implements Peer {
        @Override
        public String name() {
            return id.value();
        }
    }
}
