package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.contract.telecom.CarrierId;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * PBXs, carriers, their live state, DIDs and the inbound default, as ops engineers manage them. Every
 * change takes effect for the next decision after it commits.
 */
@Local
public interface MasterData {

    List<PbxEntry> pbxs();

    Optional<PbxEntry> pbx(PbxId id);

    /** @throws io.trunkline.ejb.routing.api.MasterDataException naming a reference that does not exist */
    void putPbx(PbxEntry pbx);

    /**
     * @return false when there is no such PBX
     * @throws io.trunkline.ejb.ruleset.api.NamedInRulesException a row of an active rule version names it: the
     *         row would stop applying without a word, so nothing is deleted
     */
    boolean deletePbx(PbxId id);

    List<CarrierEntry> carriers();

    Optional<CarrierEntry> carrier(CarrierId id);

    void putCarrier(CarrierEntry carrier);

    /**
     * @return false when there is no such carrier
     * @throws io.trunkline.ejb.ruleset.api.NamedInRulesException a row of an active rule version names it: the
     *         row would stop applying without a word, so nothing is deleted
     */
    boolean deleteCarrier(CarrierId id);

    CarrierStatus state(CarrierId carrier);

    void putState(CarrierId carrier, CarrierStatus state);

    List<DidEntry> dids();

    void putDid(DidEntry did);

    boolean deleteDid(E164Number number);

    /**
     * Stores many items at once, in one transaction: carriers, then PBXs, then DIDs, each checked against
     * what is stored and what comes with it. Either all are stored or none.
     *
     * @return how many items were stored
     */
    int putAll(List<CarrierEntry> carriers, List<PbxEntry> pbxs, List<DidEntry> dids);

    Optional<DidEntry> inboundDefault();

    void putInboundDefault(PbxId pbx, String extension);
}
