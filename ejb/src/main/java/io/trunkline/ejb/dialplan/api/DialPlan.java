package io.trunkline.ejb.dialplan.api;

import java.io.Serializable;
import java.util.List;
import javax.ejb.Local;

/** Normalizes what a user dialed on a PBX by that PBX's dial plan (rulebook {@code dialplan}). */
@Local
public interface DialPlan {

    /** The outcome: the number and its type, or why it was refused; the trace and rulebook version say why. */
    record Normalized(String pbx, String dialed, String result, String type, String rejection,
                      List<String> trace, String rulebookVersion) implements Serializable {
    }

    /** @throws IllegalArgumentException naming the field when pbx or dialed is missing or malformed */
    Normalized normalize(String pbx, String dialed);

    /**
     * Normalizes many strings dialed on one PBX in one rules session (call records come by the thousand);
     * strings that are not keypad characters are left out of the result. The trace is not kept.
     */
    java.util.Map<String, Normalized> normalizeAll(String pbx, java.util.Collection<String> dialed);
}
