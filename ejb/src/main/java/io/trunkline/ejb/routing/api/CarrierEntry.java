package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.routing.domain.BillingIncrement;
import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.rules.routing.TimeWindow;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A carrier as master data is read and written through {@link MasterData}. The static methods check the
 * texts that have a grammar of their own, so that a caller refuses them with the field's name before it
 * builds an entry.
 *
 * @param capabilities     names of what it may carry besides ordinary calls (see {@link #capabilities})
 * @param countries        ISO 3166 codes it is licensed for, {@code *} for all
 * @param billingIncrement first and next billed periods in seconds, {@code 60/60}
 * @param peakWindow       when its peak rates apply, {@code 08:00-18:00 Mon-Fri} (null: always)
 * @param identityHandling {@code RESIGN} (it signs the calls itself) or {@code PASS_THROUGH} (it forwards the
 *                         enterprise's {@code Identity}); null: {@code RESIGN}
 * @param foreignAttestation A, B or C: what it attests, re-signing, for numbers outside its blocks; null: B
 */
public record CarrierEntry(CarrierId id, String name, String trunkUri, String transport, Set<String> capabilities,
                           Set<String> countries, int maxChannels, int priority, int weight, List<String> numberBlocks,
                           String billingIncrement, String currency, ZoneId zone, String peakWindow,
                           String identityHandling, String foreignAttestation) {

    /** What {@code identityHandling} may say. */
    public static final List<String> IDENTITY_HANDLINGS = List.of("RESIGN", "PASS_THROUGH");

    public CarrierEntry {
        identityHandling = identityHandling == null ? "RESIGN" : identityHandling;
        foreignAttestation = foreignAttestation == null ? "B" : foreignAttestation;
    }

    /** A carrier that re-signs, attesting B for numbers it does not hold. */
    public CarrierEntry(CarrierId id, String name, String trunkUri, String transport, Set<String> capabilities,
                        Set<String> countries, int maxChannels, int priority, int weight, List<String> numberBlocks,
                        String billingIncrement, String currency, ZoneId zone, String peakWindow) {
        this(id, name, trunkUri, transport, capabilities, countries, maxChannels, priority, weight, numberBlocks,
                billingIncrement, currency, zone, peakWindow, null, null);
    }

    /**
     * The capabilities named, in the platform's order.
     *
     * @throws IllegalArgumentException naming the first unknown one
     */
    public static Set<String> capabilities(Collection<String> names) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (String n : names) {
            set.add(Capability.valueOf(n));
        }
        Set<String> out = new LinkedHashSet<>();
        set.forEach(c -> out.add(c.name()));
        return out;
    }

    /**
     * A billing increment in its usual form ({@code 60/60}).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static String billingIncrement(String text) {
        return BillingIncrement.parse(text).toString();
    }

    /**
     * The peak window as given, once it reads as one.
     *
     * @throws IllegalArgumentException when it does not
     */
    public static String peakWindow(String text) {
        TimeWindow.parse(text);
        return text;
    }
}
