package io.trunkline.ejb.replay.api;

import javax.ejb.ApplicationException;

/** A replay request refused because of one of its fields ({@code rulebook}, {@code version}, {@code from}, {@code to}). */
@ApplicationException
public class ReplayRefused extends IllegalArgumentException {

    private final String field;

    public ReplayRefused(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
