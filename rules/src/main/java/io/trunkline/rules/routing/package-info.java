/** Facts of the routing rulebook: which policy (strategy, carriers, floors, caller ID) applies to a call. */
package io.trunkline.rules.routing;
