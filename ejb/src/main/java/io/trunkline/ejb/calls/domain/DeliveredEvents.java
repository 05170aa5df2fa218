package io.trunkline.ejb.calls.domain;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.contract.json.Json;
import io.trunkline.contract.telecom.CallId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts a delivered batch into what is stored: each event once by its id, call records read and checked
 * against what the store holds. An event that cannot be stored as what it says it is (a call record that
 * does not read, or with a field longer than its column) is kept as an {@value StoredEvent#UNREADABLE} event
 * with its reason and its text, so that it never fails its batch: the node would send the batch again and
 * again, and every later event would wait behind it.
 */
public final class DeliveredEvents {

    /** Widths of the store's columns (V4__edge_events_and_call_records.sql). */
    public static final int EVENT_ID = 160;
    public static final int TYPE = 16;
    public static final int CALL_ID = 200;
    private static final Map<String, Integer> CALL_FIELDS = Map.of("direction", 8, "callClass", 32,
            "decisionSource", 16, "releasedBy", 16);

    private DeliveredEvents() {
    }

    /** The batch's events, first of each id only, in order. */
    public static List<StoredEvent> sort(EdgeEvents.Batch batch) {
        Map<String, StoredEvent> byId = new LinkedHashMap<>();
        for (EdgeEvents.Event e : batch.events()) {
            StoredEvent stored = sort(e);
            byId.putIfAbsent(stored.id(), stored);
        }
        return new ArrayList<>(byId.values());
    }

    static StoredEvent sort(EdgeEvents.Event e) {
        if (e.id().length() > EVENT_ID) {
            return unreadable(e, digestId(e.id()), "event id of " + e.id().length() + " characters (at most " + EVENT_ID + ")");
        }
        if (e.type().length() > TYPE) {
            return unreadable(e, e.id(), "event type of " + e.type().length() + " characters (at most " + TYPE + ")");
        }
        if (!EdgeEvents.CALL.equals(e.type())) {
            return new StoredEvent(e.id(), e.sequence(), e.type(), e.json(), null);
        }
        CallRecord call;
        try {
            call = CallRecord.fromJson(e.json());
        } catch (RuntimeException bad) {
            return unreadable(e, e.id(), "call record unreadable: " + bad.getMessage());
        }
        String problem = problem(call);
        return problem == null ? new StoredEvent(e.id(), e.sequence(), e.type(), e.json(), call)
                : unreadable(e, e.id(), problem);
    }

    /** When the call is filed: its start, else its end, else when it arrived. */
    public static Instant startedAt(CallRecord r, Instant receivedAt) {
        return r.startedAt() != null ? r.startedAt() : r.endedAt() != null ? r.endedAt() : receivedAt;
    }

    /** Why the store cannot hold the record as a call, or null. */
    static String problem(CallRecord call) {
        if (call.callId() == null) {
            return "call record without callId";
        }
        try {
            new CallId(call.callId());
        } catch (IllegalArgumentException e) {
            return "callId: " + e.getMessage();
        }
        if (call.callId().length() > CALL_ID) {
            return "callId of " + call.callId().length() + " characters is longer than its column (" + CALL_ID + ")";
        }
        Map<String, String> values = Map.of("direction", String.valueOf(call.direction()), "callClass",
                String.valueOf(call.callClass()), "decisionSource", String.valueOf(call.decisionSource()),
                "releasedBy", String.valueOf(call.releasedBy()));
        List<String> texts = new ArrayList<>(java.util.Arrays.asList(call.node(), call.pbx(), call.callingDialed(),
                call.calledDialed(), call.callingNormalized(), call.calledNormalized(), call.carrier(), call.origin()));
        texts.addAll(values.values());
        call.attempts().forEach(a -> {
            texts.add(a.target());
            texts.add(a.uri());
        });
        if (texts.stream().anyMatch(t -> t != null && t.indexOf('\0') >= 0)) {
            return "a field holds a NUL character (PostgreSQL text holds none)";
        }
        for (Map.Entry<String, Integer> field : CALL_FIELDS.entrySet()) {
            String value = values.get(field.getKey());
            if (value.length() > field.getValue()) {
                return field.getKey() + " of " + value.length() + " characters is longer than its column ("
                        + field.getValue() + ")";
            }
        }
        return null;
    }

    private static StoredEvent unreadable(EdgeEvents.Event e, String id, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("type", e.type());
        body.put("reason", reason);
        body.put("text", e.json());
        return new StoredEvent(id, e.sequence(), StoredEvent.UNREADABLE, Json.write(body), null);
    }

    /** A stable id that fits the column, for an event whose own id does not. */
    private static String digestId(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
