package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import java.util.Optional;

/** Master data that does not change: the snapshot given, loaded again as it is; changes are refused. */
public final class FixedRoutingRepository implements RoutingRepository {

    private final RoutingData data;

    public FixedRoutingRepository(RoutingData data) {
        this.data = data;
    }

    @Override
    public RoutingData load() {
        return data;
    }

    @Override
    public void store(Pbx pbx) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public boolean removePbx(PbxId id) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public void store(Carrier carrier) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public boolean removeCarrier(CarrierId id) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public void storeState(CarrierId id, CarrierState state) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public void store(Did did) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public boolean removeDid(String number) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public void storeInboundDefault(PbxId pbx, String extension) {
        throw new UnsupportedOperationException("fixed master data");
    }

    @Override
    public Optional<Did> inboundDefault() {
        return data.inboundDefault();
    }
}
