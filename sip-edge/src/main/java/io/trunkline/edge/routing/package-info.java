/** The routing layer of the edge: the platform's decision for each new call, and the fallback without it. */
package io.trunkline.edge.routing;
