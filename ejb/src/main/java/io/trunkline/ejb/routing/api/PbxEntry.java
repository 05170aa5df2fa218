package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.contract.telecom.PbxId;
import java.time.ZoneId;
import java.util.List;

/**
 * A PBX as master data is read and written through {@link MasterData}: the calls it sends come from
 * {@code sourceCidrs}, its extensions are in {@code extensionRanges} ("2000-4999"), its emergency calls go to
 * {@code emergencyCarrier} (null: the platform's choice).
 */
public record PbxEntry(PbxId id, String name, String vendor, String country, ZoneId zone, List<String> sourceCidrs,
                       List<String> extensionRanges, E164Number mainNumber, String emergencyLocation,
                       CarrierId emergencyCarrier, E164Number defaultCallerId, String trunkUri) {
}
