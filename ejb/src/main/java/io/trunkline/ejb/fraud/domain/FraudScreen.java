package io.trunkline.ejb.fraud.domain;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.fraud.FraudCheck;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.runtime.KieSession;

/**
 * The fraud stage of a decision: the fraud rulebook's rows for a routed outbound call at its site's time, judged,
 * and the decision as it stands after: refused 403 ({@value #REFUSED}) when the verdict blocks, otherwise the same
 * routes; the fraud lines added to its trace either way and the fraud version to its rulebook versions. Emergency
 * calls, inbound calls and refusals pass unscreened.
 */
public final class FraudScreen {

    /** What the stored decision says when a fraud row refuses a call; the SIP answer says only "Forbidden". */
    public static final String REFUSED = "refused by the fraud policy";

    /** The decision after screening, and the verdict (null when the call was not screened). */
    public record Screened(RouteDecision decision, FraudJudge.Verdict verdict, FraudJudge.Call call) {
    }

    private final FraudJudge judge;
    /** The rows that apply to each PBX under one rulebook version: collected once, not fired per call. */
    private volatile RowsOf rowsOf = new RowsOf(null, new ConcurrentHashMap<>());

    private record RowsOf(Object kieBase, Map<PbxId, List<FraudCheck.RowSpec>> byPbx) {
    }

    public FraudScreen(FraudJudge judge) {
        this.judge = judge;
    }

    public static boolean screens(RouteRequest request, RouteDecision decision) {
        return request.direction() == RouteRequest.Direction.OUTBOUND && decision.verdict() == RouteDecision.Verdict.ROUTE
                && !"EMERGENCY".equals(decision.callClass());
    }

    /** @param pbx the calling PBX, {@code zone} its site's time zone */
    public Screened screen(RouteRequest request, RouteDecision decision, PbxId pbx, ZoneId zone,
                           RulebookRegistry.Active book) {
        if (!screens(request, decision)) {
            return new Screened(decision, null, null);
        }
        Instant at = decision.decidedAt() == null ? Instant.now() : decision.decidedAt();
        FraudJudge.Call call = new FraudJudge.Call(decision.callId(), pbx, request.calling(), decision.callClass(),
                decision.called());
        FraudCheck check = rows(book, call, at.atZone(zone));
        FraudJudge.Verdict verdict = judge.judge(call, check, at);
        List<String> trace = new ArrayList<>(decision.trace().size() + verdict.trace().size() + 1);
        trace.addAll(decision.trace());
        trace.addAll(verdict.trace());
        Map<String, String> versions = new LinkedHashMap<>(decision.rulebookVersions());
        versions.put("fraud", book.version().label());
        RouteDecision after;
        List<String> frozen = java.util.Collections.unmodifiableList(trace);
        if (verdict.outcome() == FraudJudge.Outcome.BLOCK) {
            trace.add("REJECT 403: " + REFUSED);
            after = new RouteDecision(decision.callId(), RouteDecision.Verdict.REJECT, 403, REFUSED, decision.callClass(),
                    decision.called(), decision.calling(), List.of(), List.of(), 0, versions, frozen,
                    decision.decidedAt());
        } else {
            after = new RouteDecision(decision.callId(), decision.verdict(), decision.sipCode(), decision.reason(),
                    decision.callClass(), decision.called(), decision.calling(), decision.routes(),
                    decision.failoverCodes(), decision.attemptTimeoutMs(), versions, frozen,
                    decision.decidedAt(), decision.signing());
        }
        return new Screened(after, verdict, call);
    }

    /**
     * The rows of the fraud rulebook that apply to the call, at the site's local time. The rulebook is fired once
     * per PBX and version to collect the PBX's rows (its only condition is the PBX); each call is matched against
     * them as the rows' last column does when fired ({@code FraudCheck.applying}).
     */
    public FraudCheck rows(RulebookRegistry.Active book, FraudJudge.Call call, ZonedDateTime siteTime) {
        RowsOf current = rowsOf;
        if (current.kieBase() != book.kieBase()) {
            current = new RowsOf(book.kieBase(), new ConcurrentHashMap<>());
            rowsOf = current;
        }
        List<FraudCheck.RowSpec> specs = current.byPbx().computeIfAbsent(call.pbx(), pbx -> collect(book, pbx));
        return FraudCheck.applying(specs, call.pbx(), call.extension(), call.callClass(), call.destination(),
                siteTime.toLocalTime(), siteTime.getDayOfWeek());
    }

    private static List<FraudCheck.RowSpec> collect(RulebookRegistry.Active book, PbxId pbx) {
        FraudCheck check = FraudCheck.collecting(pbx);
        KieSession session = book.newSession();
        try {
            session.insert(check);
            session.fireAllRules();
            return List.copyOf(check.getSpecs());
        } finally {
            session.dispose();
        }
    }
}
