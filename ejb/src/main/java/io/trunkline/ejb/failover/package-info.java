/** Carrier failover: the manual test (failover.FailoverTest) and the automatic drill (failover.FailoverDrill) with its steps, verdict and schedules. */
package io.trunkline.ejb.failover;
