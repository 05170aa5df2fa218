package io.trunkline.ejb.calls.domain;

import io.trunkline.contract.events.CallRecord;

/**
 * One delivered event as it is stored: by its id, with its body; a call whose record is readable and fits the
 * store also goes in as a call record (its body then lives there), anything else keeps its body here.
 *
 * @param call the call record, or null
 */
public record StoredEvent(String id, long sequence, String type, String body, CallRecord call) {

    /** The type of an event the platform cannot store as what it says it is; its body says why. */
    public static final String UNREADABLE = "UNREADABLE";
}
