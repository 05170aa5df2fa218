package io.trunkline.ejb.routing.application;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.ejb.routing.domain.DecisionSettings;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.VersionsAt;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJB;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/**
 * Decides a recorded call again, for its ladder when its decision is no longer in the {@link DecisionLog}: on the
 * rulebook versions active at the call's start ({@link VersionsAt}), today's master data and rate decks, and every
 * carrier's live state neutral. Versions other than the active ones are compiled from the store once and kept (the
 * last {@value #KEPT}), since a compilation takes up to seconds. Nothing is logged, counted or screened for fraud.
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DecisionRederivation {

    static final int KEPT = 8;
    /** The rulebooks a routing decision runs on, as {@link RouteDecider.Books} takes them. */
    private static final List<Rulebook> BOOKS = List.of(Rulebook.DIALPLAN, Rulebook.CLASSIFICATION, Rulebook.ROUTING,
            Rulebook.ATTESTATION);
    private static final RouteDecider DECIDER = new RouteDecider(DecisionSettings.DEFAULT, Clock.systemUTC(),
            () -> ThreadLocalRandom.current().nextDouble());

    @EJB
    private RoutingDataHolder data;
    @EJB
    private RuleBaseHolder ruleBase;
    private final Map<String, RulebookRegistry.Active> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RulebookRegistry.Active> eldest) {
            return size() > KEPT;
        }
    };

    /** @see RouteDecisions#rederive */
    public RouteDecisions.Rederived rederive(RouteRequest request) throws RulebookRejectedException {
        if (request.at() == null) {
            throw new InvalidRouteRequest("at", "a recorded call's start is required to decide it again");
        }
        List<String> notes = new ArrayList<>();
        Map<Rulebook, RulebookRegistry.Active> books = new EnumMap<>(Rulebook.class);
        for (Rulebook r : BOOKS) {
            RulebookRegistry.Active active = ruleBase.current(r);
            VersionsAt.Choice choice = VersionsAt.pick(r.kbaseName(), ruleBase.versions(r.kbaseName()), request.at())
                    .orElse(new VersionsAt.Choice(active.version().version(), null));
            if (choice.note() != null) {
                notes.add(choice.note());
            }
            books.put(r, choice.version() == active.version().version() ? active : stored(r, choice.version()));
        }
        notes.add("every carrier's live state taken as neutral (up, no calls in progress, no measured ASR or MOS); "
                + "master data and rate decks as they are now; fraud screening not run again");
        RouteDecision decision = DECIDER.decide(request, data.current().withNeutralStates(),
                RouteDecider.Books.current(books::get));
        return new RouteDecisions.Rederived(decision, notes);
    }

    private RulebookRegistry.Active stored(Rulebook r, int version) throws RulebookRejectedException {
        String key = r.kbaseName() + "@" + version;
        synchronized (compiled) {
            RulebookRegistry.Active kept = compiled.get(key);
            if (kept != null) {
                return kept;
            }
        }
        // Compiled outside the lock: two ladders of the same old version may both compile it once.
        RulebookRegistry.Active made = ruleBase.compiled(r.kbaseName(), version);
        synchronized (compiled) {
            compiled.put(key, made);
        }
        return made;
    }
}
