package io.trunkline.ejb.routing.application;

import io.trunkline.contract.telecom.E164Number;
import io.trunkline.ejb.routing.api.CarrierEntry;
import io.trunkline.ejb.routing.api.CarrierStatus;
import io.trunkline.ejb.routing.api.DidEntry;
import io.trunkline.ejb.routing.api.MasterData;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.routing.domain.CarrierState;
import io.trunkline.ejb.routing.domain.Did;
import io.trunkline.ejb.routing.api.MasterDataException;
import io.trunkline.ejb.routing.api.PbxEntry;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.routing.domain.RoutingData;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.domain.RoutingRepository;
import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.rules.EnumeratedColumns;

/** Every change is written in a transaction of its own, then the routing snapshot is rebuilt from it. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MasterDataService implements MasterData {

    @EJB
    private RoutingDataHolder holder;
    @EJB
    private Transactions transactions;
    @EJB
    private RuleBase rules;

    private <T> T change(java.util.function.Function<RoutingRepository, T> write) {
        T result = transactions.committed(() -> write.apply(holder.repository()));
        holder.reload();
        return result;
    }

    private RoutingData data() {
        return holder.current();
    }

    @Override
    public List<PbxEntry> pbxs() {
        return data().allPbxs().stream().sorted(Comparator.comparing(p -> p.id().value())).map(MasterDataEntries::entry)
                .toList();
    }

    @Override
    public Optional<PbxEntry> pbx(PbxId id) {
        return data().pbx(id.value()).map(MasterDataEntries::entry);
    }

    @Override
    public void putPbx(PbxEntry entry) {
        Pbx pbx = MasterDataEntries.pbx(entry);
        if (pbx.emergencyCarrier() != null && data().carrier(pbx.emergencyCarrier().value()).isEmpty()) {
            throw new MasterDataException("emergencyCarrier", "no carrier '" + pbx.emergencyCarrier() + "'");
        }
        change(r -> {
            r.store(pbx);
            return null;
        });
    }

    @Override
    public boolean deletePbx(PbxId id) {
        if (data().dids().values().stream().anyMatch(d -> d.pbx().equals(id))) {
            throw new MasterDataException("id", "PBX '" + id + "' still has DIDs; move or delete them first");
        }
        if (data().pbx(id.value()).isEmpty()) {
            return false;
        }
        return rules.removeUnlessNamed(EnumeratedColumns.Domain.PBXS, id.value(), () -> change(r -> r.removePbx(id)));
    }

    @Override
    public List<CarrierEntry> carriers() {
        return data().allCarriers().stream().sorted(Comparator.comparingInt(Carrier::priority)
                .thenComparing(c -> c.id().value())).map(MasterDataEntries::entry).toList();
    }

    @Override
    public Optional<CarrierEntry> carrier(CarrierId id) {
        return data().carrier(id.value()).map(MasterDataEntries::entry);
    }

    @Override
    public void putCarrier(CarrierEntry entry) {
        Carrier carrier = MasterDataEntries.carrier(entry);
        change(r -> {
            r.store(carrier);
            return null;
        });
    }

    @Override
    public boolean deleteCarrier(CarrierId id) {
        if (data().dids().values().stream().anyMatch(d -> d.carrier().equals(id))) {
            throw new MasterDataException("id", "carrier '" + id + "' still holds DIDs; move or delete them first");
        }
        if (data().carrier(id.value()).isEmpty()) {
            return false;
        }
        return rules.removeUnlessNamed(EnumeratedColumns.Domain.CARRIERS, id.value(),
                () -> change(r -> r.removeCarrier(id)));
    }

    @Override
    public CarrierStatus state(CarrierId carrier) {
        Carrier c = data().carrier(carrier.value()).orElseThrow(() -> new MasterDataException("carrier", "no carrier '" + carrier + "'"));
        return MasterDataEntries.entry(data().state(c.id()));
    }

    @Override
    public void putState(CarrierId carrier, CarrierStatus status) {
        CarrierState state = MasterDataEntries.state(status);
        Carrier c = data().carrier(carrier.value()).orElseThrow(() -> new MasterDataException("carrier", "no carrier '" + carrier + "'"));
        change(r -> {
            r.storeState(c.id(), state);
            return null;
        });
    }

    @Override
    public List<DidEntry> dids() {
        return data().dids().values().stream().sorted(Comparator.comparing(d -> d.number().value()))
                .map(MasterDataEntries::entry).toList();
    }

    @Override
    public void putDid(DidEntry entry) {
        Did did = MasterDataEntries.did(entry);
        if (data().carrier(did.carrier().value()).isEmpty()) {
            throw new MasterDataException("carrier", "no carrier '" + did.carrier() + "'");
        }
        if (data().pbx(did.pbx().value()).isEmpty()) {
            throw new MasterDataException("pbx", "no PBX '" + did.pbx() + "'");
        }
        change(r -> {
            r.store(did);
            return null;
        });
    }

    @Override
    public boolean deleteDid(E164Number number) {
        return change(r -> r.removeDid(number.value()));
    }

    @Override
    public int putAll(List<CarrierEntry> carrierEntries, List<PbxEntry> pbxEntries, List<DidEntry> didEntries) {
        List<Carrier> carriers = carrierEntries.stream().map(MasterDataEntries::carrier).toList();
        List<Pbx> pbxs = pbxEntries.stream().map(MasterDataEntries::pbx).toList();
        List<Did> dids = didEntries.stream().map(MasterDataEntries::did).toList();
        java.util.Set<String> carrierIds = new java.util.HashSet<>();
        data().allCarriers().forEach(c -> carrierIds.add(c.id().value()));
        carriers.forEach(c -> carrierIds.add(c.id().value()));
        java.util.Set<String> pbxIds = new java.util.HashSet<>();
        data().allPbxs().forEach(p -> pbxIds.add(p.id().value()));
        pbxs.forEach(p -> pbxIds.add(p.id().value()));
        for (Pbx p : pbxs) {
            if (p.emergencyCarrier() != null && !carrierIds.contains(p.emergencyCarrier().value())) {
                throw new MasterDataException("emergencyCarrier", "PBX " + p.id() + " names no known carrier '" + p.emergencyCarrier() + "'");
            }
        }
        for (Did d : dids) {
            if (!carrierIds.contains(d.carrier().value())) {
                throw new MasterDataException("carrier", "DID " + d.number() + " names no known carrier '" + d.carrier() + "'");
            }
            if (!pbxIds.contains(d.pbx().value())) {
                throw new MasterDataException("pbx", "DID " + d.number() + " names no known PBX '" + d.pbx() + "'");
            }
        }
        change(r -> {
            carriers.forEach(r::store);
            pbxs.forEach(r::store);
            dids.forEach(r::store);
            return null;
        });
        return carriers.size() + pbxs.size() + dids.size();
    }

    @Override
    public Optional<DidEntry> inboundDefault() {
        return data().inboundDefault().map(MasterDataEntries::entry);
    }

    @Override
    public void putInboundDefault(PbxId pbx, String extension) {
        Pbx p = data().pbx(pbx.value()).orElseThrow(() -> new MasterDataException("pbx", "no PBX '" + pbx + "'"));
        if (extension == null || !extension.matches("[0-9*#]{1,32}")) {
            throw new MasterDataException("extension", "expected 1-32 keypad characters");
        }
        change(r -> {
            r.storeInboundDefault(p.id(), extension);
            return null;
        });
    }
}
