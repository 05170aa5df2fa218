package io.trunkline.ejb.platform.infrastructure;

import java.util.function.Supplier;
import javax.ejb.LocalBean;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/**
 * Runs work in a transaction of its own that has committed when the call returns, for services that
 * must act after their writes are visible to everyone (rebuilding the routing snapshot, say).
 */
@Stateless
@LocalBean
public class Transactions {

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T committed(Supplier<T> work) {
        return work.get();
    }
}
