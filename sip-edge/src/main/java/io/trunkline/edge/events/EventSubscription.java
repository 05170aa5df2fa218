package io.trunkline.edge.events;

import java.util.List;
import javax.sip.address.Address;
import javax.sip.address.URI;

/** One subscriber's dialog (RFC 6665 §4.1), as the {@link EventNotifier} keeps it. */
final class EventSubscription {
    final String callId;
    final Address subscriber;
    final String subscriberTag;
    final Address notifier;
    final String notifierTag;
    final URI contact;
    final String transport;
    final long heartbeatMs;
    long cseq;
    long expiresAt;
    List<Long> inFlight;
    long inFlightSince;
    long lastSentAt;
    long notBefore;
    boolean terminating;

    EventSubscription(String callId, Address subscriber, String subscriberTag, Address notifier, String notifierTag,
                      URI contact, String transport, long heartbeatMs) {
        this.callId = callId;
        this.subscriber = subscriber;
        this.subscriberTag = subscriberTag;
        this.notifier = notifier;
        this.notifierTag = notifierTag;
        this.contact = contact;
        this.transport = transport;
        this.heartbeatMs = heartbeatMs;
    }
}
