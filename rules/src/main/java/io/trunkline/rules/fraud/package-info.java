/** The fraud rulebook's fact: which restriction and velocity rows of the analysts' FraudPolicy table apply to a call. */
package io.trunkline.rules.fraud;
