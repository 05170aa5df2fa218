package io.trunkline.ejb.metrics.application;

import io.trunkline.ejb.metrics.api.MetricMarks;
import io.trunkline.ejb.metrics.domain.MetricStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/** Marks the 5-minute windows a batch of stored calls falls in, from each call's start to its end (at most 2 h). */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class MetricMarking implements MetricMarks {

    private static final long MAX_WINDOWS = 24;

    @Inject
    private MetricStore store;

    public MetricMarking() {
        // the container injects the fields
    }

    /** With its store given, as the unit tests of the services that mark windows build it. */
    public MetricMarking(MetricStore store) {
        this.store = store;
    }

    @Override
    public void callsStored(Collection<Instant[]> spans) {
        TreeSet<Instant> windows = new TreeSet<>();
        for (Instant[] s : spans) {
            Instant w = MetricStore.windowOf(s[0]);
            Instant last = s[1] == null || s[1].isBefore(s[0]) ? w : MetricStore.windowOf(s[1]);
            for (int i = 0; i < MAX_WINDOWS && !w.isAfter(last); i++) {
                windows.add(w);
                w = w.plusMillis(MetricStore.WINDOW_MS);
            }
        }
        try {
            store.markDirty(windows, Instant.now());
        } catch (SQLException e) {
            throw new EJBException("metric windows not marked: " + e.getMessage(), e);
        }
    }
}
