package io.trunkline.ejb.sla.application;

import io.trunkline.ejb.sla.domain.Claim;
import io.trunkline.ejb.sla.domain.SlaStore;
import java.sql.SQLException;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/**
 * The claim rows, each change committed on its own before the workflow engine sees it: the engine runs in
 * transactions of its own (the runtime manages them itself), so its first step reads the claim only once the row is
 * committed. The carrier's terms row is locked while a month is claimed, so two judgements of a carrier (the monthly
 * timer and a person) take turns, and the unique (carrier, month) row is the proof a month is claimed once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClaimLedger {

    /** The month's claim, and whether this call created it. */
    public record Claimed(Claim claim, boolean created) {
    }

    @Inject
    private SlaStore store;

    public Claimed claim(Claim row) {
        try {
            store.lockTerms(row.carrier());
            var existing = store.claim(row.carrier(), row.month());
            if (existing.isPresent()) {
                return new Claimed(existing.get(), false);
            }
            long id = store.insert(row);
            return new Claimed(store.claim(id).orElseThrow(), true);
        } catch (SQLException e) {
            throw new EJBException("claim of " + row.carrier() + " " + row.month() + " not stored: " + e.getMessage(), e);
        }
    }

    /** A claim whose workflow could not start is taken back, so the month can be judged again. */
    public void forget(long id) {
        try {
            store.delete(id);
        } catch (SQLException e) {
            throw new EJBException("claim " + id + " not taken back: " + e.getMessage(), e);
        }
    }
}
