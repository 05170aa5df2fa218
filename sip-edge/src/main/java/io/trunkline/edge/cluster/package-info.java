/** Membership of the Hazelcast edge cluster and, behind small interfaces, the live state it shares. */
package io.trunkline.edge.cluster;
