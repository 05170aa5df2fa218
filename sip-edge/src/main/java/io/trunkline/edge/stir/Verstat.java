package io.trunkline.edge.stir;

/** The verification result the edge gives the called PBX (3GPP TS 24.229 §7.2A.20, the {@code verstat} parameter). */
public enum Verstat {
    TN_VALIDATION_PASSED("TN-Validation-Passed"),
    TN_VALIDATION_FAILED("TN-Validation-Failed"),
    NO_TN_VALIDATION("No-TN-Validation");

    private final String value;

    Verstat(String value) {
        this.value = value;
    }

    /** The parameter's value as it goes on the wire. */
    public String value() {
        return value;
    }
}
