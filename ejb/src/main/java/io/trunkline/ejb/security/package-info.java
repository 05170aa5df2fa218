/**
 * Security: the SIP sources the edge nodes banned (read from and lifted in the edge cluster's {@code source-bans}
 * map), the audit trail of every ban learned and every lift ({@code security_audit}), and the alert raised when a
 * configured PBX or carrier goes over its own request limit at an edge node.
 */
package io.trunkline.ejb.security;
