package io.trunkline.ejb.fraud.application;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.fraud.domain.Block;
import io.trunkline.ejb.fraud.domain.FraudJudge;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.CallRating;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.fraud.FraudCheck;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screens routed outbound calls with the active fraud rulebook and the counters of {@link FraudRuntime}, and counts
 * the ends of the calls the edge reports. No database work on the call path: blocks, audit entries and alerts go to
 * the runtime's background task.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FraudService implements FraudScreening {

    private static final Logger LOG = LoggerFactory.getLogger(FraudService.class);
    /** What the stored decision says when a fraud row refuses a call; the SIP answer says only "Forbidden". */
    static final String REFUSED = "refused by the fraud policy";

    @EJB
    private FraudRuntime runtime;
    @EJB
    private RuleBaseHolder rules;
    @EJB
    private RoutingDataHolder routing;

    @Override
    public RouteDecision screen(RouteRequest request, RouteDecision decision) {
        if (request.direction() != RouteRequest.Direction.OUTBOUND || decision.verdict() != RouteDecision.Verdict.ROUTE
                || "EMERGENCY".equals(decision.callClass())) {
            return decision;
        }
        RoutingData data = routing.current();
        Optional<Pbx> pbx = data.pbx(request.source());
        if (pbx.isEmpty()) {
            return decision;
        }
        Instant at = decision.decidedAt() == null ? Instant.now() : decision.decidedAt();
        FraudJudge.Call call = new FraudJudge.Call(decision.callId(), pbx.get().id(), request.calling(),
                decision.callClass(), decision.called());
        RulebookRegistry.Active book = rules.current(Rulebook.FRAUD);
        FraudCheck check = fire(book, call, at.atZone(pbx.get().zone()));
        FraudJudge.Verdict verdict = runtime.judge().judge(call, check, at);
        for (Block b : verdict.newBlocks()) {
            runtime.blocked(b);
        }
        List<String> trace = new ArrayList<>(decision.trace());
        trace.addAll(verdict.trace());
        Map<String, String> versions = new LinkedHashMap<>(decision.rulebookVersions());
        versions.put("fraud", book.version().label());
        for (FraudJudge.Hit h : verdict.hits()) {
            runtime.alert(dimension(h.subject()), h.subject(), title(h), h.action() == FraudCheck.Action.ALERT
                    ? "WARNING" : "CRITICAL", h.text() + "\ncall " + decision.callId() + " from " + request.source() + " "
                    + request.calling() + " to " + decision.called() + "\n" + String.join("\n", trace));
        }
        if (verdict.outcome() == FraudJudge.Outcome.BLOCK) {
            trace.add("REJECT 403: " + REFUSED);
            return new RouteDecision(decision.callId(), RouteDecision.Verdict.REJECT, 403, REFUSED, decision.callClass(),
                    decision.called(), decision.calling(), List.of(), List.of(), 0, versions, List.copyOf(trace),
                    decision.decidedAt());
        }
        return new RouteDecision(decision.callId(), decision.verdict(), decision.sipCode(), decision.reason(),
                decision.callClass(), decision.called(), decision.calling(), decision.routes(), decision.failoverCodes(),
                decision.attemptTimeoutMs(), versions, List.copyOf(trace), decision.decidedAt());
    }

    @Override
    public void ended(List<CallRecord> calls) {
        RoutingData data = routing.current();
        RulebookRegistry.Active book = rules.current(Rulebook.FRAUD);
        for (CallRecord c : calls) {
            try {
                endedOne(c, data, book);
            } catch (RuntimeException e) {
                LOG.warn("end of call {} not counted by the fraud counters: {}", c.callId(), e.toString());
            }
        }
    }

    private void endedOne(CallRecord c, RoutingData data, RulebookRegistry.Active book) {
        if (!"OUTBOUND".equalsIgnoreCase(c.direction()) || c.pbx() == null || "EMERGENCY".equals(c.callClass())) {
            return;
        }
        Optional<Pbx> pbx = data.pbx(c.pbx());
        if (pbx.isEmpty() || c.startedAt() == null) {
            return;
        }
        FraudJudge.Call call = new FraudJudge.Call(c.callId(), new PbxId(c.pbx()), c.callingDialed(), c.callClass(),
                c.calledNormalized());
        FraudCheck check = fire(book, call, c.startedAt().atZone(pbx.get().zone()));
        boolean answered = c.answeredAt() != null;
        // Carriers bill every started second (then their increments): a 300 ms call is a 1-second call.
        long millis = answered && c.endedAt() != null ? Math.max(0, Duration.between(c.answeredAt(), c.endedAt()).toMillis()) : 0;
        long seconds = (millis + 999) / 1_000;
        BigDecimal cost = answered ? CallRating.cost(data, c.carrier(), c.calledNormalized(), c.answeredAt(), seconds)
                .orElse(null) : null;
        Instant at = c.endedAt() == null ? Instant.now() : c.endedAt();
        runtime.judge().ended(call, check, answered, answered && seconds < runtime.settings().shortCallSeconds(), cost, at);
    }

    /** The rows of the fraud rulebook that apply to the call, at the site's local time. */
    static FraudCheck fire(RulebookRegistry.Active book, FraudJudge.Call call, ZonedDateTime siteTime) {
        FraudCheck check = new FraudCheck(call.pbx(), call.extension(), call.callClass(), call.destination(),
                siteTime.toLocalTime(), siteTime.getDayOfWeek());
        KieSession session = book.newSession();
        try {
            session.insert(check);
            session.fireAllRules();
            return check;
        } finally {
            session.dispose();
        }
    }

    private static String dimension(String subject) {
        return subject.startsWith("ext:") ? "extension" : subject.startsWith("pbx:") ? "pbx" : "prefix";
    }

    private static String title(FraudJudge.Hit h) {
        return "Fraud: " + (h.counter() != null ? h.counter().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : "BLOCKED".equals(h.level()) ? "blocked source calling" : "restricted destination") + " (" + h.rule() + ")";
    }
}
