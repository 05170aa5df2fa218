package io.trunkline.ejb.routing.api;

import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.ejb.routing.domain.CarrierState;
import io.trunkline.ejb.routing.domain.Did;
import io.trunkline.ejb.routing.domain.Pbx;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * PBXs, carriers, their live state, DIDs and the inbound default, as ops engineers manage them. Every
 * change takes effect for the next decision after it commits.
 */
@Local
public interface MasterData {

    List<Pbx> pbxs();

    Optional<Pbx> pbx(String id);

    /** @throws io.trunkline.ejb.routing.domain.MasterDataException naming a reference that does not exist */
    void putPbx(Pbx pbx);

    /**
     * @return false when there is no such PBX
     * @throws io.trunkline.ejb.ruleset.api.NamedInRulesException a row of an active rule version names it: the
     *         row would stop applying without a word, so nothing is deleted
     */
    boolean deletePbx(String id);

    List<Carrier> carriers();

    Optional<Carrier> carrier(String id);

    void putCarrier(Carrier carrier);

    /**
     * @return false when there is no such carrier
     * @throws io.trunkline.ejb.ruleset.api.NamedInRulesException a row of an active rule version names it: the
     *         row would stop applying without a word, so nothing is deleted
     */
    boolean deleteCarrier(String id);

    CarrierState state(String carrier);

    void putState(String carrier, CarrierState state);

    List<Did> dids();

    void putDid(Did did);

    boolean deleteDid(String number);

    /**
     * Stores many items at once, in one transaction: carriers, then PBXs, then DIDs, each checked against
     * what is stored and what comes with it. Either all are stored or none.
     *
     * @return how many items were stored
     */
    int putAll(List<Carrier> carriers, List<Pbx> pbxs, List<Did> dids);

    Optional<Did> inboundDefault();

    void putInboundDefault(String pbx, String extension);
}
