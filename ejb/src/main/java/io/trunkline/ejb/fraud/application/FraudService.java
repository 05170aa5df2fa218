package io.trunkline.ejb.fraud.application;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.fraud.domain.Block;
import io.trunkline.ejb.fraud.domain.FraudJudge;
import io.trunkline.ejb.fraud.domain.FraudScreen;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.PostConstruct;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
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

    @EJB
    private FraudRuntime runtime;
    @EJB
    private RuleBaseHolder rules;
    @EJB
    private RoutingDataHolder routing;
    /** The runtime's screen and settings, taken once: not a call through the singleton's proxy per decision. */
    private FraudScreen screen;
    private FraudSettings settings;
    private Stage stage;

    @PostConstruct
    void init() {
        screen = runtime.screen();
        settings = runtime.settings();
        stage = new Stage(runtime, screen, settings, routing.reader(), rules.reader());
    }

    @Override
    public FraudScreening.Stage stage() {
        return stage;
    }

    @Override
    public void warmUp() {
        RulebookRegistry.Active book = rules.current(Rulebook.FRAUD);
        for (Pbx pbx : routing.current().allPbxs()) {
            screen.rows(book, new FraudJudge.Call("warm-up", pbx.id(), "", "", ""), Instant.now().atZone(pbx.zone()));
        }
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
        FraudCheck check = screen.rows(book, call, c.startedAt().atZone(pbx.get().zone()));
        boolean answered = c.answeredAt() != null;
        // Carriers bill every started second (then their increments): a 300 ms call is a 1-second call.
        long millis = answered && c.endedAt() != null ? Math.max(0, Duration.between(c.answeredAt(), c.endedAt()).toMillis()) : 0;
        long seconds = (millis + 999) / 1_000;
        BigDecimal cost = answered ? CallRating.cost(data, c.carrier(), c.calledNormalized(), c.answeredAt(), seconds)
                .orElse(null) : null;
        Instant at = c.endedAt() == null ? Instant.now() : c.endedAt();
        runtime.judge().ended(call, check, answered, answered && seconds < settings.shortCallSeconds(), cost, at);
    }

    /**
     * The screening of one decision over plain readers of the routing snapshot and the active fraud rulebook; the
     * runtime (a container call) is reached only when a row is hit, to take a block or raise an alert.
     */
    static final class Stage implements FraudScreening.Stage {

        private final FraudRuntime runtime;
        private final FraudScreen screen;
        private final FraudSettings settings;
        private final Supplier<RoutingData> routing;
        private final Function<Rulebook, RulebookRegistry.Active> rules;

        Stage(FraudRuntime runtime, FraudScreen screen, FraudSettings settings, Supplier<RoutingData> routing,
              Function<Rulebook, RulebookRegistry.Active> rules) {
            this.runtime = runtime;
            this.screen = screen;
            this.settings = settings;
            this.routing = routing;
            this.rules = rules;
        }

        @Override
        public RouteDecision screen(RouteRequest request, RouteDecision decision) {
            if (!settings.screening() || !FraudScreen.screens(request, decision)) {
                return decision;
            }
            Optional<Pbx> pbx = routing.get().pbx(request.source());
            if (pbx.isEmpty()) {
                return decision;
            }
            FraudScreen.Screened s = screen.screen(request, decision, pbx.get().id(),
                    pbx.get().zone(), rules.apply(Rulebook.FRAUD));
            for (Block b : s.verdict().newBlocks()) {
                runtime.blocked(b);
            }
            for (FraudJudge.Hit h : s.verdict().hits()) {
                // The details are written only when the alert is raised (at most once a second per subject and
                // row), not for every call of a burst that crosses a row.
                runtime.alert(dimension(h.subject()), h.subject(), title(h), h.action() == FraudCheck.Action.ALERT
                        ? "WARNING" : "CRITICAL", () -> h.text() + "\ncall " + decision.callId() + " from "
                        + request.source() + " " + request.calling() + " to " + decision.called() + "\n"
                        + String.join("\n", s.decision().trace()));
            }
            return s.decision();
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
