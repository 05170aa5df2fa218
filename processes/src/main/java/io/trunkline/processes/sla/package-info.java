/** SLA credit claims: the {@code sla.CreditClaim} process, its tasks, steps and start variables. */
package io.trunkline.processes.sla;
