package io.trunkline.contract.events;

import io.trunkline.contract.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event package by which an edge node hands its journaled events to the platform (RFC 6665): the
 * platform SUBSCRIBEs to {@value #PACKAGE} at each node, the node NOTIFYs batches of numbered events with
 * a JSON body of type {@value #CONTENT_TYPE}/{@value #CONTENT_SUBTYPE}, and empty batches as heartbeats.
 * An event leaves the node's journal only when the NOTIFY carrying it is answered 2xx, so the platform
 * stores by event id and answers 2xx only once the batch is committed.
 *
 * <pre>{"node":"edge-1","events":[{"id":"edge-1:k3x9:42","seq":42,"type":"CALL","body":{...}}]}</pre>
 */
public final class EdgeEvents {

    /** The Event header's package name. */
    public static final String PACKAGE = "trunkline-events";
    /** Event header parameter: the heartbeat interval the subscriber asks for, in milliseconds. */
    public static final String HEARTBEAT_PARAM = "heartbeat";
    public static final String CONTENT_TYPE = "application";
    public static final String CONTENT_SUBTYPE = "vnd.trunkline.events+json";

    public static final String CALL = "CALL";
    public static final String TRUNK = "TRUNK";
    public static final String SECURITY = "SECURITY";
    /** The node's journal reporting on itself: a torn write cut off at start, an entry set aside as unsendable. */
    public static final String JOURNAL = "JOURNAL";
    /** Every kind a node sends. */
    public static final Set<String> KINDS = Set.of(CALL, TRUNK, SECURITY, JOURNAL);

    /**
     * One journaled event.
     *
     * @param id       unique across nodes and journals: {@code node:journal:sequence}
     * @param sequence the journal's sequence number
     * @param type     one of {@link #KINDS}
     * @param json     the event's body, a JSON object
     */
    public record Event(String id, long sequence, String type, String json) {
    }

    /** The events of one NOTIFY; empty for a heartbeat. */
    public record Batch(String node, List<Event> events) {
        public Batch {
            events = List.copyOf(events);
        }
    }

    private EdgeEvents() {
    }

    /** The id of a node's event: its journal's identity keeps ids unique when a journal is started afresh. */
    public static String eventId(String node, String journal, long sequence) {
        return node + ":" + journal + ":" + sequence;
    }

    /** Writes a batch; the events' bodies are written as they are (each already a JSON object). */
    public static String write(String node, List<Event> events) {
        StringBuilder s = new StringBuilder(256 + events.size() * 700);
        s.append("{\"node\":").append(Json.write(node)).append(",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"id\":").append(Json.write(e.id())).append(",\"seq\":").append(e.sequence())
                    .append(",\"type\":").append(Json.write(e.type())).append(",\"body\":").append(e.json()).append('}');
        }
        return s.append("]}").toString();
    }

    /** @throws IllegalArgumentException naming what is missing or malformed */
    public static Batch read(String text) {
        Map<String, Object> m = Json.parseObject(text);
        if (!(m.get("node") instanceof String node) || node.isBlank()) {
            throw new IllegalArgumentException("event batch: 'node' is required");
        }
        if (!(m.get("events") instanceof List<?> list)) {
            throw new IllegalArgumentException("event batch: 'events' must be a list");
        }
        List<Event> events = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> e)) {
                throw new IllegalArgumentException("event batch: event " + i + " is not an object");
            }
            if (!(e.get("id") instanceof String id) || id.isBlank()) {
                throw new IllegalArgumentException("event batch: event " + i + " has no 'id'");
            }
            if (!(e.get("type") instanceof String type)) {
                throw new IllegalArgumentException("event batch: event " + id + " has no 'type'");
            }
            if (!(e.get("seq") instanceof BigDecimal seq)) {
                throw new IllegalArgumentException("event batch: event " + id + " has no numeric 'seq'");
            }
            if (!(e.get("body") instanceof Map<?, ?> body)) {
                throw new IllegalArgumentException("event batch: event " + id + " has no object 'body'");
            }
            events.add(new Event(id, seq.longValueExact(), type, Json.write(body)));
        }
        return new Batch(node, events);
    }
}
