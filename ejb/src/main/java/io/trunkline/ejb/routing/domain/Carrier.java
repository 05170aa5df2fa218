package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.Attestation;
import io.trunkline.contract.telecom.CarrierId;

import io.trunkline.rules.routing.TimeWindow;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A SIP trunk carrier as routing sees it.
 *
 * @param countries     ISO regions it is licensed to terminate in ({@code *} for all)
 * @param numberBlocks  E.164 prefixes of the numbers it holds or has registered (caller-ID authorization)
 * @param peakWindow    when its peak rates apply, in its own time zone, e.g. {@code 08:00-18:00 Mon-Fri}
 * @param identity      whether it re-signs the enterprise's calls or passes their {@code Identity} through (null: re-signs)
 * @param foreignAttestation what it attests, re-signing, for a number outside its blocks (null: B)
 */
public record Carrier(CarrierId id, String name, String trunkUri, String transport, Set<Capability> capabilities,
                      Set<String> countries, int maxChannels, int priority, int weight, List<String> numberBlocks,
                      BillingIncrement billing, String currency, ZoneId zone, String peakWindow,
                      IdentityHandling identity, Attestation foreignAttestation) {

    public Carrier {
        identity = identity == null ? IdentityHandling.RESIGN : identity;
        foreignAttestation = foreignAttestation == null ? Attestation.B : foreignAttestation;
    }

    /** A carrier that re-signs, attesting B for numbers it does not hold. */
    public Carrier(CarrierId id, String name, String trunkUri, String transport, Set<Capability> capabilities,
                   Set<String> countries, int maxChannels, int priority, int weight, List<String> numberBlocks,
                   BillingIncrement billing, String currency, ZoneId zone, String peakWindow) {
        this(id, name, trunkUri, transport, capabilities, countries, maxChannels, priority, weight, numberBlocks,
                billing, currency, zone, peakWindow, null, null);
    }

    public boolean can(Capability c) {
        return capabilities.contains(c);
    }

    public boolean licensedFor(String region) {
        return countries.contains("*") || (region != null && countries.contains(region));
    }

    public boolean holds(String e164) {
        if (e164 == null) {
            return false;
        }
        for (String block : numberBlocks) {
            if (e164.startsWith(block)) {
                return true;
            }
        }
        return false;
    }

    public boolean peakAt(java.time.Instant at) {
        if (peakWindow == null || peakWindow.isBlank()) {
            return true;
        }
        java.time.ZonedDateTime local = at.atZone(zone);
        return TimeWindow.parse(peakWindow).contains(local.getDayOfWeek(), local.toLocalTime());
    }
}
