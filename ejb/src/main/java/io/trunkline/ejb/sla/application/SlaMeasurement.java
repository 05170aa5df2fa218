package io.trunkline.ejb.sla.application;

import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.ejb.sla.domain.MonthReport;
import io.trunkline.ejb.sla.domain.SlaSources;
import io.trunkline.ejb.sla.domain.SlaTerms;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.sla.SlaMeasure;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.inject.Inject;
import org.kie.api.runtime.KieSession;

/** Measures a carrier's month from what the platform stored, and judges its measures on the active {@code sla} rulebook. */
@Stateless
public class SlaMeasurement {

    @Inject
    private SlaSources sources;
    @EJB
    private RuleBaseHolder ruleBase;

    public MonthReport measure(SlaTerms terms, YearMonth month) {
        try {
            return MonthReport.measure(terms, month,
                    sources.trunkChanges(terms.carrier(), terms.monthStart(month), terms.monthEnd(month)),
                    sources.incidents(terms.carrier(), terms.monthStart(month), terms.monthEnd(month)),
                    sources.windows(terms.carrier(), terms.monthStart(month), terms.monthEnd(month)));
        } catch (SQLException e) {
            throw new EJBException("month of " + terms.carrier() + " not measured: " + e.getMessage(), e);
        }
    }

    /** Every measure of the month, those a row of the table claimed carrying their rule and credit. */
    public List<SlaMeasure> judge(MonthReport report) {
        List<SlaMeasure> measures = report.fact().measures();
        KieSession session = ruleBase.current(Rulebook.SLA).newSession();
        try {
            measures.forEach(session::insert);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return measures;
    }
}
