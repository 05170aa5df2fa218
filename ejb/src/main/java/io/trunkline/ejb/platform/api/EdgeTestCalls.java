package io.trunkline.ejb.platform.api;

import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import javax.ejb.Local;

/**
 * Synthetic test calls placed by an edge node (its {@code POST /v1/test-calls}), for the workflows that need a real
 * call as evidence: a port's test calls, a failover drill's calls.
 */
@Local
public interface EdgeTestCalls {

    /** No edge node took the call (none configured, none reachable, all busy). */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Places the call on the first configured node that takes it and waits for its outcome.
     *
     * @throws Unavailable when no node took it
     */
    TestCallResult place(TestCallRequest request);
}
