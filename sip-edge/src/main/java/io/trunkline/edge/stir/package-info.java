/**
 * STIR/SHAKEN on the edge: signing outbound calls with a PASSporT (RFC 8225, the SHAKEN extension of RFC 8588) in an
 * {@code Identity} header (RFC 8224), and verifying the {@code Identity} of inbound calls: the token's form and
 * claims, its freshness, its numbers against the call's, the certificate at its {@code x5u} chained to the
 * configured STI-CA trust anchors, and its signature. The JOSE work (JWS parsing, ES256) is nimbus-jose-jwt's; the
 * chain is the JDK's PKIX. Every failure is a {@link io.trunkline.edge.stir.StirFailure} with its RFC 8224 code,
 * never an exception out of the verifier.
 */
package io.trunkline.edge.stir;
