package io.trunkline.web.calls;

import io.trunkline.contract.routing.RoutingCodec;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms of a page of calls and of a call's ladder. */
final class CallJson {

    private CallJson() {
    }

    static Map<String, Object> page(CallRecords.Query q, CallRecords.Page page) {
        List<Object> list = new ArrayList<>();
        for (CallRecords.CallSummary c : page.calls()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("callId", c.callId());
            m.put("startedAt", c.startedAt());
            m.put("node", c.node());
            m.put("direction", c.direction());
            m.put("origin", c.origin());
            m.put("pbx", c.pbx());
            m.put("callingDialed", c.callingDialed());
            m.put("callingNormalized", c.callingNormalized());
            m.put("calledDialed", c.calledDialed());
            m.put("calledNormalized", c.calledNormalized());
            m.put("callClass", c.callClass());
            m.put("decisionSource", c.decisionSource());
            m.put("carrier", c.carrier());
            m.put("attempts", c.attempts());
            m.put("answeredAt", c.answeredAt());
            m.put("endedAt", c.endedAt());
            m.put("durationMs", c.durationMs());
            m.put("releaseCode", c.releaseCode());
            m.put("releasedBy", c.releasedBy());
            m.put("outcome", c.outcome());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", q.from());
        out.put("to", q.to());
        out.put("limit", q.limit());
        out.put("total", page.total());
        out.put("totalCapped", page.totalCapped());
        out.put("next", page.next() == null ? null : page.next().token());
        out.put("calls", list);
        return out;
    }

    static Map<String, Object> ladder(CallRecords.Ladder l) {
        CallRecords.LadderCall c = l.call();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", c.callId());
        call.put("startedAt", c.startedAt());
        call.put("node", c.node());
        call.put("direction", c.direction());
        call.put("origin", c.origin());
        call.put("pbx", c.pbx());
        call.put("callClass", c.callClass());
        call.put("calling", numbers(c.callingDialed(), c.callingNormalized()));
        call.put("called", numbers(c.calledDialed(), c.calledNormalized()));
        call.put("decisionSource", c.decisionSource());
        if (c.identity() != null) {
            call.put("identity", RoutingCodec.identity(c.identity()));
        }
        if (c.testCall() != null) {
            call.put("testCall", c.testCall());
        }
        CallRecords.LadderDecision d = l.decision();
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("traceSource", d.traceSource());
        decision.put("versions", d.versions());
        decision.put("notes", d.notes());
        decision.put("decision", d.decision() == null ? null : JsonBodies.object(RoutingCodec.write(d.decision())));
        List<Object> attempts = new ArrayList<>();
        for (CallRecords.LadderAttempt a : l.attempts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", a.n());
            m.put("carrier", a.carrier());
            m.put("uri", a.uri());
            m.put("sipCode", a.sipCode());
            m.put("pddMs", a.pddMs());
            m.put("answerMs", a.answerMs());
            m.put("signed", a.signed());
            m.put("arrives", a.arrives());
            m.put("result", a.result());
            attempts.add(m);
        }
        Map<String, Object> answer = null;
        if (l.answer() != null) {
            answer = new LinkedHashMap<>();
            answer.put("at", l.answer().at());
            answer.put("by", l.answer().by());
            answer.put("afterMs", l.answer().afterMs());
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("at", l.end().at());
        end.put("durationMs", l.end().durationMs());
        end.put("releaseCode", l.end().releaseCode());
        end.put("releasedBy", l.end().releasedBy());
        end.put("outcome", l.end().outcome());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("call", call);
        out.put("decision", decision);
        out.put("attempts", attempts);
        out.put("answer", answer);
        List<Object> media = new ArrayList<>();
        for (CallRecords.LadderMedia m : l.media()) {
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("side", m.side());
            side.put("packets", m.packets());
            side.put("bytes", m.bytes());
            side.put("lost", m.lost());
            side.put("lossPct", m.lossPct());
            side.put("jitterMs", m.jitterMs());
            side.put("rttMs", m.rttMs());
            side.put("mos", m.mos());
            media.add(side);
        }
        // Empty when the call's media did not go through a relay.
        out.put("media", media);
        out.put("end", end);
        return out;
    }

    private static Map<String, Object> numbers(String dialed, String normalized) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dialed", dialed);
        m.put("normalized", normalized);
        return m;
    }
}
