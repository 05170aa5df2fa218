package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.PbxId;

import io.trunkline.contract.telecom.CarrierId;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a decision reads besides the rulebooks, as one immutable snapshot: PBXs, carriers with their
 * rate tables and live state, DIDs and the default inbound destination. Decisions never touch the
 * database; a change of master data builds a new snapshot that replaces this one whole.
 */
public final class RoutingData {

    private final Map<PbxId, Pbx> pbxs;
    private final Map<CarrierId, Carrier> carriers;
    private final Map<CarrierId, RateTable> rates;
    private final Map<CarrierId, CarrierState> states;
    private final Map<String, Did> dids;
    private final Map<String, Did> didsByExtension;
    private final Did inboundDefault;
    private final Instant loadedAt;

    /** @param inboundDefault PBX and extension (the main IVR) that take calls to unknown DIDs; may be null */
    public RoutingData(Map<PbxId, Pbx> pbxs, Map<CarrierId, Carrier> carriers, Map<CarrierId, RateTable> rates,
                       Map<CarrierId, CarrierState> states, Map<String, Did> dids, Did inboundDefault,
                       Instant loadedAt) {
        this.pbxs = Map.copyOf(pbxs);
        this.carriers = Map.copyOf(carriers);
        this.rates = Map.copyOf(rates);
        this.states = Map.copyOf(states);
        this.dids = Map.copyOf(dids);
        Map<String, Did> byExtension = new HashMap<>();
        for (Did d : dids.values()) {
            if (d.extension() != null) {
                byExtension.putIfAbsent(d.pbx().value() + "/" + d.extension(), d);
            }
        }
        this.didsByExtension = Map.copyOf(byExtension);
        this.inboundDefault = inboundDefault;
        this.loadedAt = loadedAt;
    }

    /** The same data with one carrier's live state replaced. */
    public RoutingData withState(CarrierId id, CarrierState state) {
        Map<CarrierId, CarrierState> next = new HashMap<>(states);
        next.put(id, state);
        return new RoutingData(pbxs, carriers, rates, next, dids, inboundDefault, Instant.now());
    }

    /**
     * The same data with every carrier's live state neutral ({@link CarrierState#UNKNOWN}: up, no calls in progress,
     * no measured quality), for deciding a past call again: the state it met is not known.
     */
    public RoutingData withNeutralStates() {
        return new RoutingData(pbxs, carriers, rates, Map.of(), dids, inboundDefault, loadedAt);
    }

    public Optional<Pbx> pbx(String id) {
        try {
            return Optional.ofNullable(pbxs.get(new PbxId(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Optional<Carrier> carrier(String id) {
        try {
            return Optional.ofNullable(carriers.get(new CarrierId(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Collection<Pbx> allPbxs() {
        return pbxs.values();
    }

    public Collection<Carrier> allCarriers() {
        return carriers.values();
    }

    public RateTable rates(CarrierId id) {
        return rates.getOrDefault(id, RateTable.empty());
    }

    public CarrierState state(CarrierId id) {
        return states.getOrDefault(id, CarrierState.UNKNOWN);
    }

    public Map<String, Did> dids() {
        return dids;
    }

    public Optional<Did> did(String e164) {
        return Optional.ofNullable(dids.get(e164));
    }

    /** The DID of a PBX extension, if one is assigned (to present as the caller's number). */
    public Optional<Did> didOf(PbxId pbx, String extension) {
        return Optional.ofNullable(didsByExtension.get(pbx.value() + "/" + extension));
    }

    public Optional<Did> inboundDefault() {
        return Optional.ofNullable(inboundDefault);
    }

    public Map<CarrierId, CarrierState> states() {
        return states;
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
