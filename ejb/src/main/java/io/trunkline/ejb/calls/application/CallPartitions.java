package io.trunkline.ejb.calls.application;

import io.trunkline.ejb.calls.domain.CallPartitionRepository;
import java.time.YearMonth;
import java.util.Set;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/**
 * Creates a month's call partitions in a transaction of its own, one caller at a time, so that the DDL is
 * committed (and remembered) before any batch of that month is stored, whatever becomes of the batch.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CallPartitions {

    @Inject
    private CallPartitionRepository partitions;

    public CallPartitions() {
    }

    CallPartitions(CallPartitionRepository partitions) {
        this.partitions = partitions;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public synchronized void ensure(Set<YearMonth> months) {
        partitions.create(months);
    }
}
