/**
 * SLA credit claims: carriers' SLA terms (master data), the judgement of a carrier's month (availability from the
 * edge's trunk-state changes and the carrier's status-feed incidents, quality from the metric windows, breaches and
 * credit from the {@code sla} rulebook), one claim per carrier and month, and the steps of the {@code sla.CreditClaim}
 * workflow: evidence package, e-mail to the carrier, reminders, and the credit matched on a later invoice.
 */
package io.trunkline.ejb.sla;
