package io.trunkline.contract.telecom;

import java.util.regex.Pattern;

/** A carrier's id: lower-case letters, digits and '-', as used in files, tables and URLs. */
public record CarrierId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public CarrierId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a carrier id (lower-case letters, digits, '-')");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
