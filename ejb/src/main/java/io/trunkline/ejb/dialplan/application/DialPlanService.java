package io.trunkline.ejb.dialplan.application;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.dialplan.api.DialPlan;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.dialplan.DialString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import org.kie.api.runtime.KieSession;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DialPlanService implements DialPlan {

    /** Digits as a phone keypad sends them: 0-9, '*', '#', and a leading '+' from soft clients. */
    private static final Pattern DIALED = Pattern.compile("\\+?[0-9*#]{1,32}");

    /**
     * Results of batch normalization by rulebook version, PBX and dialed string: call records repeat the same
     * extensions and destinations by the thousand. Keyed by version, so an activated table is never bypassed;
     * emptied when it grows past {@value #RECENT_MAX} entries.
     */
    private static final Map<String, Normalized> RECENT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int RECENT_MAX = 200_000;

    @EJB
    private RuleBaseHolder ruleBase;

    @Override
    public Normalized normalize(PbxId pbx, String dialed) {
        if (pbx == null) {
            throw new IllegalArgumentException("pbx: a PBX id is required");
        }
        if (dialed == null || !DIALED.matcher(dialed).matches()) {
            throw new IllegalArgumentException("dialed: expected 1-32 keypad characters (0-9 * #, optional leading +), got '" + dialed + "'");
        }
        // Take the kbase once: a table activated meanwhile applies to the next call, not half of this one.
        RulebookRegistry.Active active = ruleBase.current(Rulebook.DIALPLAN);
        String version = active.version().label();
        KieSession session = active.newSession();
        try {
            DialString d = new DialString(pbx, dialed);
            session.insert(d);
            session.fireAllRules();
            return new Normalized(pbx, dialed, d.getResult(), d.getResultType(), d.getRejection(), d.getTrace(), version);
        } finally {
            session.dispose();
        }
    }

    @Override
    public Map<String, Normalized> normalizeAll(PbxId pbx, Collection<String> dialed) {
        Map<String, Normalized> out = new HashMap<>();
        if (pbx == null) {
            return out;
        }
        RulebookRegistry.Active active = ruleBase.current(Rulebook.DIALPLAN);
        String version = active.version().label();
        String prefix = version + '\u0000' + pbx.value() + '\u0000';
        List<DialString> facts = new ArrayList<>();
        for (String d : new LinkedHashSet<>(dialed)) {
            if (d == null || !DIALED.matcher(d).matches()) {
                continue;
            }
            Normalized known = RECENT.get(prefix + d);
            if (known != null) {
                out.put(d, known);
            } else {
                facts.add(new DialString(pbx, d));
            }
        }
        if (facts.isEmpty()) {
            return out;
        }
        KieSession session = active.newSession();
        try {
            for (DialString fact : facts) {
                session.insert(fact);
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        if (RECENT.size() > RECENT_MAX) {
            RECENT.clear();
        }
        for (DialString d : facts) {
            Normalized n = new Normalized(pbx, d.getDigits(), d.getResult(), d.getResultType(), d.getRejection(),
                    List.of(), version);
            out.put(d.getDigits(), n);
            RECENT.put(prefix + d.getDigits(), n);
        }
        return out;
    }
}
