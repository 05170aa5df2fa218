/** Carrier failover: the manual failover test and the automatic failover drill, with their variables. */
package io.trunkline.processes.failover;
