package io.trunkline.edge.b2bua;

import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The synthetic caller's side of a test call: where the answers a PBX's (or carrier's) INVITE transaction would get
 * go instead, and the outcome the request waits for. Guarded by its call's monitor.
 */
final class TestCall {

    private final TestCallRequest request;
    private final TestCallOriginator originator;
    final CompletableFuture<TestCallResult> result = new CompletableFuture<>();
    /** The request's limit came before the call ended. */
    boolean timedOut;
    ScheduledFuture<?> limit;
    ScheduledFuture<?> hold;

    TestCall(TestCallRequest request, TestCallOriginator originator) {
        this.request = request;
        this.originator = originator;
    }

    TestCallRequest request() {
        return request;
    }

    /** A carrier's (or PBX's) answer the B2BUA would relay to the caller. Holds the call's lock. */
    void answered(Call call, int status) {
        if (status >= 200) {
            originator.answered(call);
        }
    }

    /** The B2BUA ended the call with {@code status} before it was answered. Holds the call's lock. */
    void ended(Call call, int status) {
        originator.ended(call, status);
    }

    /** The called side hung up while the call was held. Holds the call's lock. */
    void hungUpByCallee(Call call) {
        originator.hungUpByCallee(call);
    }
}
