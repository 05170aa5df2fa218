/**
 * Routing: the per-call decision (dial plan, classification, policy, carriers, order, caller ID) on an
 * immutable snapshot of PBXs, carriers, rate decks, live state and DIDs, and the master data behind it.
 */
package io.trunkline.ejb.routing;
