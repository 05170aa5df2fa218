package io.trunkline.ejb.dialplan.api;

import io.trunkline.contract.telecom.PbxId;
import java.io.Serializable;
import java.util.List;
import javax.ejb.Local;

/** Normalizes what a user dialed on a PBX by that PBX's dial plan (rulebook {@code dialplan}). */
@Local
public interface DialPlan {

    /** The outcome: the number and its type, or why it was refused; the trace and rulebook version say why. */
    record Normalized(PbxId pbx, String dialed, String result, String type, String rejection,
                      List<String> trace, String rulebookVersion) implements Serializable {
    }

    /** @throws IllegalArgumentException naming the field when dialed is missing or not keypad characters */
    Normalized normalize(PbxId pbx, String dialed);

    /**
     * Normalizes many strings dialed on one PBX in one rules session (call records come by the thousand);
     * strings that are not keypad characters are left out of the result. The trace is not kept.
     */
    java.util.Map<String, Normalized> normalizeAll(PbxId pbx, java.util.Collection<String> dialed);
}
