/**
 * The node's defence against SIP floods and scanners, asked by the transport before any handler runs: per-source
 * request limits over a sliding window (Kamailio {@code pike}), scanner User-Agents, request-URI sweeps, unknown
 * sources refused; bans kept in the edge cluster ({@code source-bans}) with a node-local view for the per-request
 * check, each ban journaled as a SECURITY event.
 */
package io.trunkline.edge.security;
