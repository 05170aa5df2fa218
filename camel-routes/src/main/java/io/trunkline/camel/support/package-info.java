/** Helpers shared by the routes and parsers: CSV splitting, the common error policy. */
package io.trunkline.camel.support;
