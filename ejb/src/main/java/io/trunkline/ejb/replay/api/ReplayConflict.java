package io.trunkline.ejb.replay.api;

import javax.ejb.ApplicationException;

/** What was asked cannot be done now: a replay of that version is already running, or the replay is not running. */
@ApplicationException
public class ReplayConflict extends RuntimeException {

    private final long replay;

    public ReplayConflict(long replay, String message) {
        super(message);
        this.replay = replay;
    }

    /** The replay concerned: the one running, or the one that is not. */
    public long replay() {
        return replay;
    }
}
