package io.trunkline.ejb.replay.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.domain.CallRating;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.ejb.routing.domain.DecisionSettings;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingData;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides one recorded call twice, with the active rulebook versions and with the draft in place of its rulebook's,
 * on the same master data and the same random draws, and rates each side: an answered call at its billable time on
 * the first carrier of the side's order. One per thread (it holds the draws it resets for each call).
 */
public final class CallReplay {

    /** What every call of one replay is decided on: the master data, the active versions, the draft's. */
    public record Setup(RoutingData data, RouteDecider.Books active, RouteDecider.Books draft) {
    }

    /** How one side decided the call: the first carrier of its order and the call's cost through it. */
    public record Side(RouteDecision decision, String carrier, String currency, BigDecimal cost) {

        public boolean routed() {
            return decision.verdict() == RouteDecision.Verdict.ROUTE;
        }

        /** An answered call through a carrier without a rate for the number on that day. */
        public boolean unrated(boolean answered) {
            return answered && carrier != null && cost == null;
        }
    }

    /**
     * A call replayed: both sides, or why it was not ({@code leftOut}: a PBX's CDR of a call it received;
     * {@code undecidable}: a side could not decide it, saying why).
     */
    public record Replayed(RecordedCall call, Side before, Side after, String leftOut, String undecidable) {

        public boolean decided() {
            return before != null && after != null;
        }
    }

    private final Setup setup;
    private final SeededDraws draws = new SeededDraws();
    private final RouteDecider decider;

    public CallReplay(Setup setup) {
        this.setup = setup;
        this.decider = new RouteDecider(DecisionSettings.DEFAULT, Clock.systemUTC(), draws);
    }

    public Replayed replay(RecordedCall call) {
        if (!call.fromEdge() && !callerIsThePbx(call, setup.data())) {
            return new Replayed(call, null, null, "inbound", null);
        }
        RouteRequest request = new RouteRequest(call.id(), call.direction(), call.source(), call.calling(), call.called(),
                call.startedAt(), false, call.identity());
        long seed = SeededDraws.seedOf(call.id());
        Side before;
        Side after;
        try {
            draws.reset(seed);
            before = side(call, decider.decide(request, setup.data(), setup.active()));
        } catch (RuntimeException e) {
            return new Replayed(call, null, null, null, "active versions: " + e.getMessage());
        }
        try {
            draws.reset(seed);
            after = side(call, decider.decide(request, setup.data(), setup.draft()));
        } catch (RuntimeException e) {
            return new Replayed(call, null, null, null, "draft: " + e.getMessage());
        }
        return new Replayed(call, before, after, null, null);
    }

    private Side side(RecordedCall call, RouteDecision d) {
        String carrier = null;
        if (d.verdict() == RouteDecision.Verdict.ROUTE) {
            for (Route r : d.routes()) {
                if (r.kind() == Route.Kind.CARRIER) {
                    carrier = r.target();
                    break;
                }
            }
        }
        if (carrier == null) {
            return new Side(d, null, null, null);
        }
        Optional<Carrier> c = setup.data().carrier(carrier);
        BigDecimal cost = call.answered()
                ? CallRating.atStart(setup.data(), carrier, d.called(), call.startedAt(), call.billableMs()).orElse(null)
                : null;
        return new Side(d, carrier, c.map(Carrier::currency).orElse(null), cost);
    }

    /**
     * Whether a PBX's CDR is of a call the PBX placed (PBX CDRs carry no direction): its calling number is one of
     * the PBX's extensions, or one of the enterprise's DIDs or sites' main numbers. Otherwise it is a call the PBX
     * received (or forwarded from outside), which the edge's records say more of, and is left out. A CDR of a PBX
     * master data no longer has is kept, for the decision to say so.
     */
    static boolean callerIsThePbx(RecordedCall call, RoutingData data) {
        Optional<Pbx> pbx = data.pbx(call.pbx());
        if (pbx.isEmpty()) {
            return true;
        }
        String calling = call.calling();
        if (calling != null && !calling.isEmpty() && pbx.get().ownsExtension(calling)) {
            return true;
        }
        for (String number : new String[]{calling, call.callingE164()}) {
            if (number == null || !number.startsWith("+")) {
                continue;
            }
            if (data.did(number).isPresent()) {
                return true;
            }
            for (Pbx p : data.allPbxs()) {
                if (number.equals(p.mainNumber().value())
                        || (p.defaultCallerId() != null && number.equals(p.defaultCallerId().value()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
