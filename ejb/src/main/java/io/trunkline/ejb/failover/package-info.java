/** Carrier failover tests: scheduling, approval and evidence, run as the failover.FailoverTest workflow. */
package io.trunkline.ejb.failover;
