package io.trunkline.ejb.routing.application;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.trunkline.contract.routing.FallbackTable;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import io.trunkline.ejb.routing.domain.DecisionSettings;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingScenario;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.Timeout;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the edge nodes the routes to use when they cannot reach the platform ({@link FallbackTable}, one per
 * PBX, in the edge cluster's map {@value FallbackTable#MAP}). The table is built from the analysts' routing
 * scenarios: each outbound scenario is decided now, on the active rules and the current master data, and
 * becomes an entry "the PBX's dialed prefix for this destination → its E.164 prefix → these routes", the
 * destination being the country (and the toll-free, premium or shared-cost code where the number is one).
 * Republished every {@value #PERIOD_MS} ms when it changed or the cluster lost it; emergency calls are not in
 * it (each node has its own static emergency route).
 */
@Singleton
@Startup
@DependsOn({"RuleBaseHolder", "EdgeClusterClient"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FallbackTablePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackTablePublisher.class);
    static final long PERIOD_MS = 10_000;
    private static final Set<PhoneNumberUtil.PhoneNumberType> SERVICE_TYPES = Set.of(
            PhoneNumberUtil.PhoneNumberType.TOLL_FREE, PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE,
            PhoneNumberUtil.PhoneNumberType.SHARED_COST, PhoneNumberUtil.PhoneNumberType.UAN);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @EJB
    private ScenarioCatalog scenarios;
    @EJB
    private RoutingDataHolder data;
    @EJB
    private RuleBaseHolder rules;
    @EJB
    private EdgeClusterClient edge;
    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(3_000, PERIOD_MS, new TimerConfig("fallback table", false));
    }

    @Timeout
    void publish() {
        try {
            Map<String, FallbackTable> tables = build(scenarios.all());
            Map<String, String> json = new LinkedHashMap<>();
            tables.forEach((pbx, table) -> json.put(pbx, table.toJson()));
            if (edge.replaceMap(FallbackTable.MAP, json,
                    (current, next) -> FallbackTable.fromJson(current).entries().equals(FallbackTable.fromJson(next).entries()))) {
                LOG.debug("fallback tables of {} PBX(s) in the edge cluster", json.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("fallback table not published: {}", e.toString());
        }
    }

    /** One table per PBX from the scenarios decided now. */
    Map<String, FallbackTable> build(List<RoutingScenario> all) {
        RouteDecider decider = new RouteDecider(DecisionSettings.DEFAULT, Clock.systemUTC(), new Random(1)::nextDouble);
        Map<String, Map<String, FallbackTable.Entry>> byPbx = new LinkedHashMap<>();
        for (RoutingScenario s : all) {
            RouteRequest request = s.request();
            if (request.direction() != RouteRequest.Direction.OUTBOUND) {
                continue;
            }
            RouteDecision d;
            try {
                d = decider.decide(request, data.current(), rules.books());
            } catch (InvalidRouteRequest e) {
                continue;
            }
            if (d.verdict() != RouteDecision.Verdict.ROUTE || d.routes().isEmpty() || "EMERGENCY".equals(d.callClass())) {
                continue;
            }
            Optional<String[]> prefixes = FallbackTable.prefixes(request.called(), d.called(), destinationDigits(d.called()));
            if (prefixes.isEmpty()) {
                continue;
            }
            List<FallbackTable.Target> targets = new ArrayList<>();
            for (Route r : d.routes()) {
                targets.add(new FallbackTable.Target(r.target(), FallbackTable.trunk(r.uri())));
            }
            byPbx.computeIfAbsent(request.source(), k -> new LinkedHashMap<>()).putIfAbsent(prefixes.get()[0],
                    new FallbackTable.Entry(prefixes.get()[0], prefixes.get()[1], d.callClass(), targets));
        }
        String now = Instant.now().toString();
        Map<String, FallbackTable> out = new LinkedHashMap<>();
        byPbx.forEach((pbx, entries) -> out.put(pbx, new FallbackTable(pbx, now, new ArrayList<>(entries.values()))));
        return out;
    }

    /** How many leading digits of an E.164 number name its destination: the country, and a service code. */
    static int destinationDigits(String e164) {
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(e164, "ZZ");
            int country = Integer.toString(n.getCountryCode()).length();
            return SERVICE_TYPES.contains(PHONES.getNumberType(n)) ? country + PHONES.getLengthOfNationalDestinationCode(n)
                    : country;
        } catch (NumberParseException e) {
            return 0;
        }
    }
}
