package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.edge.config.Peer;
import java.time.Instant;
import javax.sip.header.FromHeader;

/**
 * Builds a finished call's record: the contract's {@link CallRecord}, whose fields are the plain strings of its
 * JSON, made here from the edge's typed call (the border where value objects become text again).
 */
final class CallRecordAssembler {

    private final String node;

    CallRecordAssembler(String node) {
        this.node = node;
    }

    /** The record of a call that ended with {@code code}, ended by {@code side} (PBX, CARRIER or EDGE). */
    CallRecord assemble(Call call, int code, String side, Instant endedAt) {
        RouteDecision d = call.decided == null ? null : call.decision();
        FromHeader from = (FromHeader) call.aRequest.getHeader(FromHeader.NAME);
        boolean inbound = call.peer instanceof Peer.Carrier;
        // An inbound call's PBX is where the decision sent it.
        String pbx = !inbound ? call.peer.name()
                : call.attempts.isEmpty() ? null : call.attempts.get(call.attempts.size() - 1).target();
        return new CallRecord(call.aCallId.value(), node, pbx, Messages.userOf(from.getAddress().getURI()),
                Messages.userOf(call.aRequest.getRequestURI()), d == null ? null : d.calling(),
                d == null ? null : d.called(), d == null ? null : d.callClass(),
                call.decided == null ? null : call.decided.source().name(), call.attempts, call.startedAt,
                call.answeredAt, endedAt, code, side, inbound ? "INBOUND" : "OUTBOUND", call.peer.name(),
                call.verification == null ? null : call.verification.check(),
                call.test == null ? null : call.test.request().id());
    }
}
