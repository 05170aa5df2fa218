/**
 * Number porting: the numbers of a port reserved against the DID inventory, the letter of authorization, the request to
 * the gaining carrier's porting desk, the move of the numbers on port day and back after a failed test call; the steps
 * of the {@code porting.NumberPort} workflow.
 */
package io.trunkline.ejb.porting;
