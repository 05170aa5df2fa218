/** SIP transport: the JAIN-SIP stack, its listening points, and the first look at every request. */
package io.trunkline.edge.transport;
