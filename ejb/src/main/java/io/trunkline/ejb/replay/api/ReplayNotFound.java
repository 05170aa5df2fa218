package io.trunkline.ejb.replay.api;

import javax.ejb.ApplicationException;

/** No replay has that id. */
@ApplicationException
public class ReplayNotFound extends RuntimeException {

    public ReplayNotFound(long id) {
        super("no replay " + id);
    }
}
