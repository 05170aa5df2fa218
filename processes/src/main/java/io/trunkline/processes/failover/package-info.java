/** The carrier failover-test workflow and its variables. */
package io.trunkline.processes.failover;
