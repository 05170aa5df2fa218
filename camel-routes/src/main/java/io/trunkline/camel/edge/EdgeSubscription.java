package io.trunkline.camel.edge;

/** One edge node's subscription (RFC 6665 §4.1) as the {@link EdgeEventSubscriber} keeps it: its dialog and health. */
final class EdgeSubscription {

    enum Status { SUBSCRIBING, ACTIVE, RETRYING }

    final String node;
    final String target;
    final String callId;
    final String fromTag;
    String toTag;
    long cseq;
    Status status = Status.SUBSCRIBING;
    long sentAt;
    long lastHeard;
    long refreshAt;
    long retryAt;
    long batches;
    long events;

    EdgeSubscription(String node, String target, String callId, String fromTag) {
        this.node = node;
        this.target = target;
        this.callId = callId;
        this.fromTag = fromTag;
    }
}
