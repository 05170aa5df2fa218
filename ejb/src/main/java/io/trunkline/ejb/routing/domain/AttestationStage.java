package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Signing;
import io.trunkline.rules.attestation.AttestationQuery;
import io.trunkline.rules.attestation.AttestationQuery.Origin;
import io.trunkline.rules.attestation.AttestationQuery.Standing;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stage of an outbound decision: the STIR/SHAKEN attestation the enterprise gives the call and whether the edge signs
 * it, decided by the attestation rulebook from where the presented calling number stands in the DID inventory, the
 * call's class, whether it is forwarded and what kind of source the PBX is.
 */
final class AttestationStage {

    private AttestationStage() {
    }

    /** Where {@code calling} (E.164, or null) stands for calls of {@code pbx}. */
    static Standing standing(Pbx pbx, String calling, RoutingData data) {
        if (calling == null || calling.isBlank()) {
            return Standing.NONE;
        }
        Optional<Did> did = data.did(calling);
        if (did.isEmpty()) {
            return Standing.NOT_HELD;
        }
        return did.get().pbx().equals(pbx.id()) ? Standing.ASSIGNED_TO_PBX : Standing.HELD_ELSEWHERE;
    }

    /**
     * The signing of the call, or empty when the rulebook says not to sign; the decision's line goes to the trace.
     *
     * @param fire runs the attestation rulebook on the query
     */
    static Optional<Signing> decide(Pbx pbx, String callClass, String calling, boolean forwarded, RoutingData data,
                                    UnaryOperator<AttestationQuery> fire, DecisionTrace trace) {
        Origin origin = Origin.valueOf(pbx.origin());
        AttestationQuery q = fire.apply(new AttestationQuery(pbx.id(), callClass, standing(pbx, calling, data),
                forwarded, origin));
        trace.addAll(q.getTrace());
        if (!q.isSign()) {
            return Optional.empty();
        }
        return Optional.of(new Signing(q.getLevel(), pbx.origId().toString(), q.getDecidedBy()));
    }
}
