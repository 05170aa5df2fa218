/**
 * The platform's own plumbing: schema migrations, the Camel context, the connection to the edge
 * cluster, and the health report over every subsystem.
 */
package io.trunkline.ejb.platform;
