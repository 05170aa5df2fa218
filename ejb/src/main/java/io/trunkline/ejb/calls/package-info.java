/**
 * Calls: the edge nodes' events as they are delivered (call records with every attempt, trunk state changes,
 * security rejections), stored once each, and the call records as ops and compliance look them up: searched by
 * period, PBX, carrier, number and outcome a page at a time, read whole, and read as a ladder with the decision that
 * routed the call.
 */
package io.trunkline.ejb.calls;
