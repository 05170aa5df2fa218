package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.contract.telecom.PbxId;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A PBX as master data is read and written through {@link MasterData}: the calls it sends come from
 * {@code sourceCidrs}, its extensions are in {@code extensionRanges} ("2000-4999"), its emergency calls go to
 * {@code emergencyCarrier} (null: the platform's choice). {@code origin} says what kind of source it is for the
 * attestation of its calls ({@code PBX}, {@code GATEWAY}, {@code TRANSIT}); {@code origId} is the origination
 * identifier its signed calls carry (null: one derived from the PBX id, stable).
 */
public record PbxEntry(PbxId id, String name, String vendor, String country, ZoneId zone, List<String> sourceCidrs,
                       List<String> extensionRanges, E164Number mainNumber, String emergencyLocation,
                       CarrierId emergencyCarrier, E164Number defaultCallerId, String trunkUri, String origin,
                       UUID origId) {

    /** A UUID in its canonical text form (36 characters, hyphenated); an {@link IllegalArgumentException} otherwise. */
    public static UUID origId(String text) {
        if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new IllegalArgumentException("'" + text + "' is not a UUID such as 123e4567-e89b-12d3-a456-426614174000");
        }
        return UUID.fromString(text);
    }
}
