/** The per-call decision: what the edge asks and what the platform answers. */
package io.trunkline.contract.routing;
