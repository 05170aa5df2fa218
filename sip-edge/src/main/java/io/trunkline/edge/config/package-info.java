/** The edge node's configuration file: keys, defaults and validation. */
package io.trunkline.edge.config;
