/**
 * Telecom identifiers shared by the edge and the platform, as value objects validated when made: a number in
 * E.164 form, carrier and PBX ids, a SIP Call-ID and a dial prefix. Raw strings become these at the border
 * (parsers, JSON codecs, SIP headers) and nowhere else.
 */
package io.trunkline.contract.telecom;
