package io.trunkline.ejb.routing.api;

import javax.ejb.Local;

/** The analysts' routing test scenarios that every new rulebook version must pass before it decides calls. */
@Local
public interface Scenarios {

    /**
     * Replaces every scenario with those of a CSV file.
     *
     * @throws IllegalArgumentException naming the line and column of the first problem; nothing changes then
     */
    int replaceAll(byte[] csv);

    /** The scenarios as CSV, the form they are edited in. */
    String asCsv();
}
