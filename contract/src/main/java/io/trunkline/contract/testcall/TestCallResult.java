package io.trunkline.contract.testcall;

import java.util.List;

/**
 * What became of a test call, answered once it has ended.
 *
 * @param id         the request's id
 * @param callId     the Call-ID of the synthetic caller's leg, as the call's record names it
 * @param outcome    ANSWERED, FAILED (every route tried failed, or none could be tried), REJECTED (the decision
 *                   refused the call) or TIMEOUT (the request's limit came first)
 * @param sipCode    the final answer: 200 when answered, else the code the call ended with
 * @param answeredBy the route target that answered; null when none did
 * @param setupMs    from the answering attempt's INVITE to its 200; null when none answered
 * @param attempts   every route the call tried or skipped, in order
 * @param detail     a line for people: why it ended so
 */
public record TestCallResult(String id, String callId, Outcome outcome, int sipCode, String answeredBy, Long setupMs,
                             List<Attempt> attempts, String detail) {

    public enum Outcome { ANSWERED, FAILED, REJECTED, TIMEOUT }

    /**
     * One route of the call's decision.
     *
     * @param target  the route target (carrier or PBX id)
     * @param code    its final answer; null when skipped or when no final answer came
     * @param skipped the route was not tried (its trunk down, at its channel limit, or down for this test call)
     * @param reason  why it was skipped, or why it has no answer; null otherwise
     */
    public record Attempt(String target, Integer code, boolean skipped, String reason) {
    }

    public TestCallResult {
        attempts = List.copyOf(attempts);
    }
}
