package io.trunkline.ejb.metrics.api;

import java.time.Instant;
import java.util.Collection;
import javax.ejb.Local;

/** Told, inside the storing transaction, which calls were stored, so that their windows' metrics are recomputed. */
@Local
public interface MetricMarks {

    /** @param spans each call's start and end (end null when unknown) */
    void callsStored(Collection<Instant[]> spans);
}
