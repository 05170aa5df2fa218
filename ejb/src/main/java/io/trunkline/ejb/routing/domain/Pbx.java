package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.PbxId;

import io.trunkline.contract.telecom.CarrierId;

import io.trunkline.contract.telecom.E164Number;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A PBX (site) as routing sees it.
 *
 * @param country          ISO region of the site: emergency numbers and domestic calls are its country's
 * @param extensionRanges  inclusive ranges such as {@code 2000-4999}
 * @param emergencyCarrier the carrier or gateway that takes this site's emergency calls
 * @param trunkUri         where calls to this PBX go
 * @param origin           what kind of source it is for the attestation of its calls: PBX, GATEWAY or TRANSIT
 * @param origId           the origination identifier its signed calls carry; null: {@link #origIdOf} its id
 */
public record Pbx(PbxId id, String name, String vendor, String country, ZoneId zone, List<String> sourceCidrs,
                  List<String> extensionRanges, E164Number mainNumber, String emergencyLocation,
                  CarrierId emergencyCarrier, E164Number defaultCallerId, String trunkUri, String origin, UUID origId) {

    public Pbx {
        origin = origin == null ? "PBX" : origin;
        origId = origId == null ? origIdOf(id) : origId;
    }

    /**
     * The origination identifier of a PBX that names none: a name-based UUID of its id, so it stays the same across
     * restarts and nodes without being stored (ATIS-1000074 asks only that it be unique per origin and stable).
     */
    public static UUID origIdOf(PbxId id) {
        return UUID.nameUUIDFromBytes(("trunkline:pbx:" + id.value()).getBytes(StandardCharsets.UTF_8));
    }

    public boolean ownsExtension(String extension) {
        for (String range : extensionRanges) {
            String[] ends = range.split("-");
            String from = ends[0].trim();
            String to = ends.length > 1 ? ends[1].trim() : from;
            if (extension.length() == from.length() && extension.compareTo(from) >= 0 && extension.compareTo(to) <= 0) {
                return true;
            }
        }
        return false;
    }
}
