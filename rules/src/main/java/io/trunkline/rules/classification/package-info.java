/** Facts of the classification rulebook: emergency, internal, toll-free, premium, mobile, domestic, international. */
package io.trunkline.rules.classification;
