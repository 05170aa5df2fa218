/** Call records: built by the B2BUA when a call ends, journaled on disk before they are delivered. */
package io.trunkline.edge.cdr;
