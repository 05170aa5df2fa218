package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.PbxId;

import io.trunkline.contract.telecom.CarrierId;

import java.util.Optional;

/** Where routing's master data lives: PBXs, carriers, their state, DIDs, the inbound default, rate decks. */
public interface RoutingRepository {

    /** Everything, read in one go, as the snapshot decisions use. */
    RoutingData load();

    void store(Pbx pbx);

    boolean removePbx(PbxId id);

    void store(Carrier carrier);

    boolean removeCarrier(CarrierId id);

    void storeState(CarrierId id, CarrierState state);

    void store(Did did);

    boolean removeDid(String number);

    void storeInboundDefault(PbxId pbx, String extension);

    Optional<Did> inboundDefault();
}
