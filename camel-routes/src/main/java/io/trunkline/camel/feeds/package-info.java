/** Carriers' feeds other than call records: status pages polled for incidents. */
package io.trunkline.camel.feeds;
