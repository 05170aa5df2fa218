package io.trunkline.edge.events;

import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.contract.json.Json;
import io.trunkline.edge.cdr.Journal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the next NOTIFY's events from the journal, oldest first, up to a number of events and of body bytes.
 * Every entry is checked before it is sent: its type must be a kind of the package and its body a JSON
 * object. One that is not (a line garbled on disk) would have the whole NOTIFY refused, again and again,
 * holding back every later event; it is set aside in the journal with its reason instead.
 */
final class EventBatcher {

    /** A batch to send: the package's events and their journal sequences. */
    record Batch(List<EdgeEvents.Event> events, List<Long> sequences) {
    }

    private final Journal journal;
    private final String node;
    private final int maxEvents;
    private final int maxBytes;
    private long setAside;

    EventBatcher(Journal journal, String node, int maxEvents, int maxBytes) {
        this.journal = journal;
        this.node = node;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** The next batch (empty when nothing deliverable is pending). */
    Batch next() throws IOException {
        List<EdgeEvents.Event> events = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        int bytes = 0;
        for (Journal.Entry e : journal.pending(maxEvents)) {
            String problem = problem(e);
            if (problem != null) {
                journal.setAside(e.sequence(), problem);
                setAside++;
                continue;
            }
            if (!events.isEmpty() && bytes + e.json().length() > maxBytes) {
                break;
            }
            bytes += e.json().length() + 64;
            events.add(new EdgeEvents.Event(EdgeEvents.eventId(node, journal.id(), e.sequence()), e.sequence(), e.type(),
                    e.json()));
            sequences.add(e.sequence());
        }
        return new Batch(events, sequences);
    }

    /** How many entries were set aside as unsendable. */
    long setAside() {
        return setAside;
    }

    /** Why the entry cannot be sent, or null. */
    static String problem(Journal.Entry e) {
        if (!EdgeEvents.KINDS.contains(e.type())) {
            String type = e.type().length() > 40 ? e.type().substring(0, 40) + "…" : e.type();
            return "unknown event type '" + type + "' (known: " + String.join(", ", new java.util.TreeSet<>(EdgeEvents.KINDS))
                    + ")";
        }
        try {
            Json.parseObject(e.json());
            return null;
        } catch (RuntimeException | StackOverflowError bad) {
            return "body is not a JSON object: " + bad.getMessage();
        }
    }
}
