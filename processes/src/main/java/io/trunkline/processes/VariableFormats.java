package io.trunkline.processes;

import java.util.regex.Pattern;

/** Forms the processes' start variables share, so each process checks them alike. */
public final class VariableFormats {

    /** An E.164 number: {@code +}, a non-zero first digit, 7 to 15 digits in all (ITU-T E.164). */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /**
     * A timer's business time as the platform's calendar reads it: {@code 3d}, {@code 4h 30m}, or ISO-8601 such as
     * {@code P3D} (elapsed time).
     */
    public static final Pattern BUSINESS_TIME = Pattern.compile("([0-9]+[dhms] ?)+|P(T?[0-9]+[DHMS])+");

    private VariableFormats() {
    }
}
