package io.trunkline.ejb.calls.domain;

import java.time.YearMonth;
import java.util.Set;

/** The month partitions of the call tables. */
public interface CallPartitionRepository {

    /** Those of the months whose partitions this server has not made yet. */
    Set<YearMonth> missing(Set<YearMonth> months);

    /** Makes the months' partitions where missing, in the caller's transaction. */
    void create(Set<YearMonth> months);

    /** Remembers months whose partitions' creation has committed. */
    void created(Set<YearMonth> months);
}
