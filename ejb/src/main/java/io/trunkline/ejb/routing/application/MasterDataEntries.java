package io.trunkline.ejb.routing.application;

import io.trunkline.ejb.routing.api.CarrierEntry;
import io.trunkline.ejb.routing.api.CarrierStatus;
import io.trunkline.ejb.routing.api.DidEntry;
import io.trunkline.ejb.routing.api.PbxEntry;
import io.trunkline.ejb.routing.domain.BillingIncrement;
import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.ejb.routing.domain.CarrierState;
import io.trunkline.ejb.routing.domain.Did;
import io.trunkline.ejb.routing.domain.IdentityHandling;
import io.trunkline.ejb.routing.domain.Pbx;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Master data between the API's entries and the routing domain, field for field. */
final class MasterDataEntries {

    private MasterDataEntries() {
    }

    static PbxEntry entry(Pbx p) {
        return new PbxEntry(p.id(), p.name(), p.vendor(), p.country(), p.zone(), p.sourceCidrs(), p.extensionRanges(),
                p.mainNumber(), p.emergencyLocation(), p.emergencyCarrier(), p.defaultCallerId(), p.trunkUri(),
                p.origin(), p.origId());
    }

    static Pbx pbx(PbxEntry e) {
        return new Pbx(e.id(), e.name(), e.vendor(), e.country(), e.zone(), e.sourceCidrs(), e.extensionRanges(),
                e.mainNumber(), e.emergencyLocation(), e.emergencyCarrier(), e.defaultCallerId(), e.trunkUri(),
                e.origin(), e.origId());
    }

    static CarrierEntry entry(Carrier c) {
        Set<String> capabilities = new LinkedHashSet<>();
        c.capabilities().forEach(k -> capabilities.add(k.name()));
        return new CarrierEntry(c.id(), c.name(), c.trunkUri(), c.transport(), capabilities, c.countries(),
                c.maxChannels(), c.priority(), c.weight(), c.numberBlocks(), c.billing().toString(), c.currency(),
                c.zone(), c.peakWindow(), c.identity().name(), c.foreignAttestation().name());
    }

    /**
     * @throws IllegalArgumentException for an unknown capability, identity handling or attestation, or an unreadable
     *                                  billing increment
     */
    static Carrier carrier(CarrierEntry e) {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        e.capabilities().forEach(k -> capabilities.add(Capability.valueOf(k)));
        return new Carrier(e.id(), e.name(), e.trunkUri(), e.transport(), capabilities, e.countries(), e.maxChannels(),
                e.priority(), e.weight(), e.numberBlocks(), BillingIncrement.parse(e.billingIncrement()), e.currency(),
                e.zone(), e.peakWindow(), IdentityHandling.valueOf(e.identityHandling()),
                io.trunkline.contract.telecom.Attestation.of(e.foreignAttestation()));
    }

    static CarrierStatus entry(CarrierState s) {
        return new CarrierStatus(s.up(), s.activeCalls(), s.asrPercent(), s.mos());
    }

    static CarrierState state(CarrierStatus s) {
        return new CarrierState(s.up(), s.activeCalls(), s.asrPercent(), s.mos());
    }

    static DidEntry entry(Did d) {
        return new DidEntry(d.number(), d.carrier(), d.pbx(), d.extension());
    }

    static Did did(DidEntry e) {
        return new Did(e.number(), e.carrier(), e.pbx(), e.extension());
    }
}
