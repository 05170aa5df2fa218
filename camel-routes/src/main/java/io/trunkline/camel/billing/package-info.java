/** Carrier rate decks arriving as files: the format parser and the route that feeds the billing port. */
package io.trunkline.camel.billing;
