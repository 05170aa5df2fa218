package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.PbxId;

import io.trunkline.contract.telecom.CarrierId;

import io.trunkline.contract.telecom.E164Number;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worked example's enterprise as routing data, built in code: three PBXs (two with overlapping
 * extension ranges), carriers A, B and C with rate decks, an E911 gateway, DIDs and a main IVR.
 */
public final class RoutingFixtures {

    public static final LocalDate DECK_START = LocalDate.of(2026, 1, 1);

    private final Map<PbxId, Pbx> pbxs = new HashMap<>();
    private final Map<CarrierId, Carrier> carriers = new HashMap<>();
    private final Map<CarrierId, RateTable> rates = new HashMap<>();
    private final Map<CarrierId, CarrierState> states = new HashMap<>();
    private final Map<String, Did> dids = new HashMap<>();
    private Did inboundDefault;

    public static RoutingFixtures enterprise() {
        RoutingFixtures f = new RoutingFixtures();
        f.pbx("hq-cucm", "US", "America/New_York", List.of("2000-4999"), "+12125550100", "NYC-HQ-FL1",
                "e911-gateway", "sip:10.0.1.10:5060");
        f.pbx("branch-asterisk", "US", "America/Chicago", List.of("2000-2999"), "+13125550100", "CHI-BR-FL2",
                "e911-gateway", "sip:10.0.2.10:5060");
        f.pbx("london-teams", "GB", "Europe/London", List.of("5000-5999"), "+442071230000", "LON-FL3",
                null, "sip:sbc.london.example:5061;transport=tls");
        f.carrier("carrier-a", EnumSet.of(Capability.INTERNATIONAL), Set.of("*"), 100, 1, 70, List.of("+1212555"),
                "60/60", "America/New_York", "08:00-18:00 Mon-Fri");
        f.rate("carrier-a", "1", "0.0100", "0.0080");
        f.rate("carrier-a", "1416", "0.0090", null);
        f.rate("carrier-a", "44", "0.0120", null);
        f.rate("carrier-a", "447", "0.0350", null);
        f.carrier("carrier-b", EnumSet.of(Capability.INTERNATIONAL, Capability.TOLL_FREE), Set.of("*"), 60, 2, 30,
                List.of("+1312555"), "6/6", "America/New_York", null);
        f.rate("carrier-b", "1", "0.0062", null);
        f.rate("carrier-b", "1416", "0.0031", null);
        f.rate("carrier-b", "1800", "0.0090", null);
        f.rate("carrier-b", "44", "0.0150", null);
        f.carrier("carrier-c", EnumSet.noneOf(Capability.class), Set.of("US", "CA"), 30, 3, 10, List.of("+1312555"),
                "1/1", "America/Chicago", "07:00-19:00 Mon-Fri");
        f.rate("carrier-c", "1", "0.0120", "0.0040");
        f.carrier("e911-gateway", EnumSet.of(Capability.EMERGENCY), Set.of("US"), 10, 9, 1, List.of(),
                "1/1", "America/New_York", null);
        f.did("+12125552001", "carrier-a", "hq-cucm", "2001");
        f.did("+13125552001", "carrier-b", "branch-asterisk", "2001");
        f.did("+442071235001", "carrier-a", "london-teams", "5001");
        f.inboundDefault = new Did(new E164Number("+12125550100"), new CarrierId("carrier-a"), new PbxId("hq-cucm"), "2000");
        return f;
    }

    public RoutingFixtures pbx(String id, String country, String zone, List<String> extensions, String main,
                               String location, String emergencyCarrier, String trunk) {
        pbxs.put(new PbxId(id), new Pbx(new PbxId(id), id, "vendor", country, ZoneId.of(zone), List.of(), extensions,
                new E164Number(main), location, emergencyCarrier == null ? null : new CarrierId(emergencyCarrier),
                new E164Number(main), trunk, null, null));
        return this;
    }

    public RoutingFixtures carrier(String id, Set<Capability> caps, Set<String> countries, int channels, int priority,
                                   int weight, List<String> blocks, String billing, String zone, String peak) {
        carriers.put(new CarrierId(id), new Carrier(new CarrierId(id), id, "sip:" + id + ".example.net:5060", "udp", caps,
                countries, channels, priority, weight, blocks, BillingIncrement.parse(billing), "USD", ZoneId.of(zone), peak));
        return this;
    }

    /** Says what a carrier does with the enterprise's STIR/SHAKEN Identity, and what it attests for foreign numbers. */
    public RoutingFixtures identity(String carrier, IdentityHandling handling, io.trunkline.contract.telecom.Attestation foreign) {
        Carrier c = carriers.get(new CarrierId(carrier));
        carriers.put(c.id(), new Carrier(c.id(), c.name(), c.trunkUri(), c.transport(), c.capabilities(), c.countries(),
                c.maxChannels(), c.priority(), c.weight(), c.numberBlocks(), c.billing(), c.currency(), c.zone(),
                c.peakWindow(), handling, foreign));
        return this;
    }

    private final Map<CarrierId, List<Rate>> rateLists = new HashMap<>();

    public RoutingFixtures rate(String carrier, String prefix, String peak, String offPeak) {
        rateLists.computeIfAbsent(new CarrierId(carrier), k -> new java.util.ArrayList<>())
                .add(new Rate(prefix, new BigDecimal(peak), offPeak == null ? null : new BigDecimal(offPeak), BigDecimal.ZERO,
                        DECK_START, null));
        rates.put(new CarrierId(carrier), RateTable.of(rateLists.get(new CarrierId(carrier))));
        return this;
    }

    /** Adds {@code count} random prefixes (2-8 digits under common country codes) to a carrier's deck. */
    public RoutingFixtures randomRates(String carrier, int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        String[] countries = {"1", "44", "33", "49", "34", "39", "31", "86", "81", "91", "61", "55", "52", "7", "27"};
        List<Rate> list = rateLists.computeIfAbsent(new CarrierId(carrier), k -> new java.util.ArrayList<>());
        java.util.Set<String> seen = new java.util.HashSet<>();
        list.forEach(r -> seen.add(r.prefix()));
        while (list.size() < count) {
            String cc = countries[random.nextInt(countries.length)];
            StringBuilder p = new StringBuilder(cc);
            int extra = 1 + random.nextInt(7 - cc.length() + 1);
            for (int i = 0; i < extra; i++) {
                p.append(random.nextInt(10));
            }
            if (seen.add(p.toString())) {
                BigDecimal peak = BigDecimal.valueOf(5 + random.nextInt(500), 4);
                list.add(new Rate(p.toString(), peak, peak.multiply(new BigDecimal("0.7")), BigDecimal.ZERO, DECK_START, null));
            }
        }
        rates.put(new CarrierId(carrier), RateTable.of(list));
        return this;
    }

    public RoutingFixtures state(String carrier, boolean up, int active, Double asr, Double mos) {
        states.put(new CarrierId(carrier), new CarrierState(up, active, asr, mos));
        return this;
    }

    public RoutingFixtures did(String number, String carrier, String pbx, String extension) {
        dids.put(number, new Did(new E164Number(number), new CarrierId(carrier), new PbxId(pbx), extension));
        return this;
    }

    public RoutingData build() {
        return new RoutingData(pbxs, carriers, rates, states, dids, inboundDefault, Instant.EPOCH);
    }
}
