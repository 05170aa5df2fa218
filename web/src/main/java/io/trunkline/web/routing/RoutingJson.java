package io.trunkline.web.routing;

import static io.trunkline.web.support.JsonBodies.optionalString;
import static io.trunkline.web.support.JsonBodies.string;
import static io.trunkline.web.support.JsonBodies.strings;
import static io.trunkline.web.support.JsonBodies.valueOf;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.routing.api.CarrierEntry;
import io.trunkline.ejb.routing.api.CarrierStatus;
import io.trunkline.ejb.routing.api.DidEntry;
import io.trunkline.ejb.routing.api.PbxEntry;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.json.JsonObject;

/** Routing's JSON: requests and decisions, PBXs, carriers, their state and DIDs. */
final class RoutingJson {

    static final Set<String> VENDORS = Set.of("CISCO_CUCM", "AVAYA", "ASTERISK", "FREEPBX", "TEAMS_DIRECT_ROUTING",
            "CLOUD_PBX", "OTHER");

    /** What kind of source a PBX is, for the attestation its calls get. */
    static final List<String> ORIGINS = List.of("PBX", "GATEWAY", "TRANSIT");

    private RoutingJson() {
    }

    static RouteRequest request(JsonObject o) {
        String direction = optionalString(o, "direction");
        RouteRequest.Direction d = valueOf("direction", () -> direction == null ? RouteRequest.Direction.OUTBOUND
                : RouteRequest.Direction.valueOf(direction.toUpperCase(Locale.ROOT)));
        String at = optionalString(o, "at");
        Instant when = at == null ? null : valueOf("at", () -> Instant.parse(at));
        boolean forwarded = o.containsKey("forwarded") && o.get("forwarded") != javax.json.JsonValue.NULL
                && JsonBodies.bool(o, "forwarded");
        return new RouteRequest(string(o, "callId"), d, string(o, "source"), optionalString(o, "calling"),
                string(o, "called"), when, forwarded, identity(o));
    }

    /** The verification outcomes the edge reports, and the failures they may name. */
    static final List<String> VERSTATS = List.of(IdentityCheck.PASSED, IdentityCheck.FAILED, IdentityCheck.NOT_VALIDATED);
    static final List<String> IDENTITY_FAILURES = List.of("BAD_INFO", "UNSUPPORTED_CREDENTIAL", "INVALID", "STALE");

    private static IdentityCheck identity(JsonObject o) {
        if (!o.containsKey("identity") || o.get("identity") == javax.json.JsonValue.NULL) {
            return null;
        }
        if (!(o.get("identity") instanceof JsonObject i)) {
            throw ApiException.badRequest("identity", "must be an object with verstat, failure, detail and attest");
        }
        String verstat = optionalString(i, "verstat");
        if (verstat == null || !VERSTATS.contains(verstat)) {
            throw ApiException.badRequest("identity.verstat", "must be one of " + VERSTATS);
        }
        String failure = optionalString(i, "failure");
        if (failure != null && !IDENTITY_FAILURES.contains(failure)) {
            throw ApiException.badRequest("identity.failure", "must be one of " + IDENTITY_FAILURES + " or null");
        }
        String attest = optionalString(i, "attest");
        if (attest != null && !List.of("A", "B", "C").contains(attest)) {
            throw ApiException.badRequest("identity.attest", "must be A, B or C");
        }
        return new IdentityCheck(verstat, failure, optionalString(i, "detail"),
                attest == null ? null : Attestation.of(attest));
    }

    static PbxEntry pbx(String id, JsonObject o) {
        String vendor = string(o, "vendor");
        if (!VENDORS.contains(vendor)) {
            throw ApiException.badRequest("vendor", "must be one of " + new java.util.TreeSet<>(VENDORS));
        }
        String country = string(o, "country");
        if (!country.matches("[A-Z]{2}")) {
            throw ApiException.badRequest("country", "must be an ISO 3166 code such as US or GB");
        }
        String emergencyCarrier = optionalString(o, "emergencyCarrier");
        String defaultCallerId = optionalString(o, "defaultCallerId");
        List<String> ranges = strings(o, "extensionRanges");
        for (String r : ranges) {
            if (!r.matches("[0-9]+(-[0-9]+)?")) {
                throw ApiException.badRequest("extensionRanges", "'" + r + "' is not a range such as 2000-4999");
            }
        }
        String origin = optionalString(o, "origin");
        if (origin != null && !ORIGINS.contains(origin)) {
            throw ApiException.badRequest("origin", "must be one of " + ORIGINS);
        }
        String origId = optionalString(o, "origId");
        java.util.UUID orig = origId == null ? null : valueOf("origId", () -> PbxEntry.origId(origId));
        return new PbxEntry(valueOf("id", () -> new PbxId(id)), string(o, "name"), vendor, country,
                valueOf("timeZone", () -> ZoneId.of(string(o, "timeZone"))), strings(o, "sourceCidrs"), ranges,
                valueOf("mainNumber", () -> new E164Number(string(o, "mainNumber"))), optionalString(o, "emergencyLocation"),
                emergencyCarrier == null ? null : valueOf("emergencyCarrier", () -> new CarrierId(emergencyCarrier)),
                defaultCallerId == null ? null : valueOf("defaultCallerId", () -> new E164Number(defaultCallerId)),
                trunkUri(o), origin == null ? "PBX" : origin, orig);
    }

    static Map<String, Object> pbx(PbxEntry p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().value());
        m.put("name", p.name());
        m.put("vendor", p.vendor());
        m.put("country", p.country());
        m.put("timeZone", p.zone().getId());
        m.put("sourceCidrs", p.sourceCidrs());
        m.put("extensionRanges", p.extensionRanges());
        m.put("mainNumber", p.mainNumber().value());
        m.put("emergencyLocation", p.emergencyLocation());
        m.put("emergencyCarrier", p.emergencyCarrier() == null ? null : p.emergencyCarrier().value());
        m.put("defaultCallerId", p.defaultCallerId() == null ? null : p.defaultCallerId().value());
        m.put("trunkUri", p.trunkUri());
        m.put("origin", p.origin());
        m.put("origId", p.origId() == null ? null : p.origId().toString());
        return m;
    }

    static CarrierEntry carrier(String id, JsonObject o) {
        List<String> capabilities = strings(o, "capabilities");
        Set<String> caps = valueOf("capabilities", () -> CarrierEntry.capabilities(capabilities));
        String transport = JsonBodies.optionalString(o, "transport");
        String t = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
        if (!Set.of("udp", "tcp", "tls").contains(t)) {
            throw ApiException.badRequest("transport", "must be udp, tcp or tls");
        }
        List<String> countries = strings(o, "countries");
        List<String> blocks = strings(o, "numberBlocks");
        for (String b : blocks) {
            if (!b.matches("\\+[1-9][0-9]{0,14}")) {
                throw ApiException.badRequest("numberBlocks", "'" + b + "' is not an E.164 prefix such as +1212555");
            }
        }
        String currency = string(o, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw ApiException.badRequest("currency", "must be an ISO 4217 code such as USD");
        }
        String peak = optionalString(o, "peakWindow");
        if (peak != null) {
            valueOf("peakWindow", () -> CarrierEntry.peakWindow(peak));
        }
        String identity = optionalString(o, "identityHandling");
        if (identity != null && !CarrierEntry.IDENTITY_HANDLINGS.contains(identity)) {
            throw ApiException.badRequest("identityHandling", "must be one of " + CarrierEntry.IDENTITY_HANDLINGS);
        }
        String foreign = optionalString(o, "foreignAttestation");
        if (foreign != null && !List.of("A", "B", "C").contains(foreign)) {
            throw ApiException.badRequest("foreignAttestation", "must be A, B or C");
        }
        return new CarrierEntry(valueOf("id", () -> new CarrierId(id)), string(o, "name"), trunkUri(o), t, caps,
                new LinkedHashSet<>(countries.isEmpty() ? List.of("*") : countries),
                (int) JsonBodies.integer(o, "maxChannels", 0, 1_000_000), (int) JsonBodies.integer(o, "priority", 0, 1000),
                (int) JsonBodies.integer(o, "weight", 0, 1000), blocks,
                valueOf("billingIncrement", () -> CarrierEntry.billingIncrement(string(o, "billingIncrement"))), currency,
                valueOf("timeZone", () -> ZoneId.of(string(o, "timeZone"))), peak, identity, foreign);
    }

    static Map<String, Object> carrier(CarrierEntry c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().value());
        m.put("name", c.name());
        m.put("trunkUri", c.trunkUri());
        m.put("transport", c.transport());
        m.put("capabilities", List.copyOf(c.capabilities()));
        m.put("countries", List.copyOf(c.countries()));
        m.put("maxChannels", c.maxChannels());
        m.put("priority", c.priority());
        m.put("weight", c.weight());
        m.put("numberBlocks", c.numberBlocks());
        m.put("billingIncrement", c.billingIncrement());
        m.put("currency", c.currency());
        m.put("timeZone", c.zone().getId());
        m.put("peakWindow", c.peakWindow());
        m.put("identityHandling", c.identityHandling());
        m.put("foreignAttestation", c.foreignAttestation());
        return m;
    }

    static CarrierStatus state(JsonObject o) {
        long active = o.containsKey("activeCalls") ? JsonBodies.integer(o, "activeCalls", 0, 1_000_000) : 0;
        Double asr = JsonBodies.optionalNumber(o, "asrPercent");
        if (asr != null && (asr < 0 || asr > 100)) {
            throw ApiException.badRequest("asrPercent", "must be between 0 and 100");
        }
        Double mos = JsonBodies.optionalNumber(o, "mos");
        if (mos != null && (mos < 1 || mos > 5)) {
            throw ApiException.badRequest("mos", "must be between 1 and 5");
        }
        return new CarrierStatus(JsonBodies.bool(o, "up"), (int) active, asr, mos);
    }

    static Map<String, Object> state(CarrierStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", s.up());
        m.put("activeCalls", s.activeCalls());
        m.put("asrPercent", s.asrPercent());
        m.put("mos", s.mos());
        return m;
    }

    static DidEntry did(String number, JsonObject o) {
        String extension = string(o, "extension");
        if (!extension.matches("[0-9*#]{1,32}")) {
            throw ApiException.badRequest("extension", "expected 1-32 keypad characters");
        }
        return new DidEntry(valueOf("number", () -> new E164Number(number)), valueOf("carrier", () -> new CarrierId(string(o, "carrier"))),
                valueOf("pbx", () -> new PbxId(string(o, "pbx"))), extension);
    }

    static Map<String, Object> did(DidEntry d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", d.number().value());
        m.put("carrier", d.carrier() == null ? null : d.carrier().value());
        m.put("pbx", d.pbx().value());
        m.put("extension", d.extension());
        return m;
    }

    private static String trunkUri(JsonObject o) {
        String uri = string(o, "trunkUri");
        if (!uri.matches("sips?:[^\\s]+")) {
            throw ApiException.badRequest("trunkUri", "must be a sip: or sips: URI");
        }
        return uri;
    }
}
