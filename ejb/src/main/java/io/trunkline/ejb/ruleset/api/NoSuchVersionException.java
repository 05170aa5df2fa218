package io.trunkline.ejb.ruleset.api;

import javax.ejb.ApplicationException;

/** A rulebook has no stored version of this number. */
@ApplicationException(rollback = false)
public class NoSuchVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int version;

    public NoSuchVersionException(String rulebook, int version) {
        super("rulebook " + rulebook + " has no version " + version);
        this.version = version;
    }

    public int version() {
        return version;
    }
}
