/** What the edge cluster and the platform agree on about the cluster itself. */
package io.trunkline.contract.edge;
