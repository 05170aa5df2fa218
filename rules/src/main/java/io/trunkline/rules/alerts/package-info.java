/**
 * Facts of the {@code alerts} rulebook: what one subject (a carrier, trunk, PBX or destination class) showed in
 * its latest window, and the alerts the analysts' threshold table raises for it.
 */
package io.trunkline.rules.alerts;
