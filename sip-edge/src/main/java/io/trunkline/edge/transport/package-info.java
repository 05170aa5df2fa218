/**
 * SIP transport: the JAIN-SIP stack, its listening points, and the first look at every request. The layers
 * above register handlers per SIP method with the {@link io.trunkline.edge.transport.SipDispatcher} and send
 * through a {@link io.trunkline.edge.transport.SipEndpoint}; the transport knows none of them.
 */
package io.trunkline.edge.transport;
