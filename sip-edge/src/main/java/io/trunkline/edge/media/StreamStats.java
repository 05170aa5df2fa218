package io.trunkline.edge.media;

/**
 * What one side of a call sent through the relay, with what the receiving side's RTCP reports said of it; the RTCP
 * figures are null when no report came.
 *
 * @param packets  RTP packets the relay received from the side
 * @param bytes    their bytes
 * @param lost     cumulative loss the receiver reported, or null
 * @param lossPct  loss in percent of the packets expected ({@code lost / (packets + lost)}), or null
 * @param jitterMs interarrival jitter the receiver reported (average of its reports), or null
 * @param rttMs    round-trip time (average), or null
 * @param mos      the relay's MOS of this direction from the reports (average, 1.0 to 5.0), or null
 */
public record StreamStats(long packets, long bytes, Long lost, Double lossPct, Double jitterMs, Double rttMs,
                          Double mos) {

    /** Counts only: no report came. */
    public static StreamStats counted(long packets, long bytes) {
        return new StreamStats(packets, bytes, null, null, null, null, null);
    }
}
