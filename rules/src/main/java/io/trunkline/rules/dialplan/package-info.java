/** Facts of the dial-plan rulebook: per-PBX normalization of dialed strings. */
package io.trunkline.rules.dialplan;
