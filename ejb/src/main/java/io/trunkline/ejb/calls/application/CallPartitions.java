package io.trunkline.ejb.calls.application;

import io.trunkline.ejb.calls.infrastructure.JdbcCallRecordStore;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Set;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJBException;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/**
 * Creates a month's call partitions in a transaction of its own, one caller at a time, so that the DDL is
 * committed (and remembered) before any batch of that month is stored, whatever becomes of the batch.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CallPartitions {

    @Resource(lookup = "java:jboss/datasources/TrunklineDS")
    private DataSource dataSource;

    private JdbcCallRecordStore store;

    @PostConstruct
    void init() {
        store = new JdbcCallRecordStore(dataSource);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public synchronized void ensure(Set<YearMonth> months) {
        try {
            store.ensurePartitions(months);
        } catch (SQLException e) {
            throw new EJBException("call partitions for " + months + " not created: " + e.getMessage(), e);
        }
    }
}
