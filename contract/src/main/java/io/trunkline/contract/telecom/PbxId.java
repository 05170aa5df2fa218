package io.trunkline.contract.telecom;

import java.util.regex.Pattern;

/** A PBX's id: lower-case letters, digits and '-'. */
public record PbxId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public PbxId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a PBX id (lower-case letters, digits, '-')");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
