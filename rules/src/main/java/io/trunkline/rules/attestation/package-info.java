/** The attestation rulebook's fact: how far the enterprise vouches for a call's calling number, and whether it signs. */
package io.trunkline.rules.attestation;
