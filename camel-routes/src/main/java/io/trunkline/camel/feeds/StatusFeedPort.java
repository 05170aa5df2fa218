package io.trunkline.camel.feeds;

/** Where the status-feed routes hand each poll; implemented by the platform's alerts. */
public interface StatusFeedPort {

    /** A poll that read the feed: its incidents replace what the feed said before. */
    void polled(StatusFeedSource source, StatusFeed feed);

    /** A poll that could not read the feed: what the feed said before stands. */
    void failed(StatusFeedSource source, String reason);
}
