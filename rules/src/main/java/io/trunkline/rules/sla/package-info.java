/**
 * Facts of the {@code sla} rulebook: a carrier's measured month against its contract terms, and the breaches (with
 * the credit each earns) the analysts' table finds in it.
 */
package io.trunkline.rules.sla;
