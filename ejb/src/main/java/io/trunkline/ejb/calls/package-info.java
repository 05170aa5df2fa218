/**
 * Calls: the edge nodes' events as they are delivered (call records with every attempt, trunk state changes,
 * security rejections), stored once each, and the call records as ops and compliance look them up.
 */
package io.trunkline.ejb.calls;
