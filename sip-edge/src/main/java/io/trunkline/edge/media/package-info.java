/**
 * Media through the edge: rtpengine as the relay, driven over its {@code ng} control protocol (bencoded dictionaries
 * over UDP, each request carrying a cookie its reply repeats). {@link io.trunkline.edge.media.Bencode} is the codec,
 * {@link io.trunkline.edge.media.NgClient} one instance's control channel with retransmission.
 */
package io.trunkline.edge.media;
