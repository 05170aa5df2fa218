/** The jBPM runtime shared by every workflow (porting, SLA claims, failover tests): persistence, tasks, timers. */
package io.trunkline.ejb.workflow;
