/**
 * Synthetic test calls: what the platform asks an edge node to place ({@code TestCallRequest}) and the outcome the
 * node answers with ({@code TestCallResult}), over the node's management HTTP endpoint {@code POST /v1/test-calls}.
 */
package io.trunkline.contract.testcall;
