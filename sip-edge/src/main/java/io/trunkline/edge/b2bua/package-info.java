/**
 * The B2BUA: pairs each PBX dialog with a carrier dialog, relays answers, fails over, ends both legs. One
 * collaborator per job: admission and channel limits, the order of routes, the carrier's dialect, requests
 * inside a call, the call record, the carrier leg's attempts; and synthetic test calls placed through the same path.
 */
package io.trunkline.edge.b2bua;
