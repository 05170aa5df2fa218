/** The edge node's configuration file: one settings record per group of keys, defaults and validation. */
package io.trunkline.edge.config;
