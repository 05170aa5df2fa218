package io.trunkline.contract.telecom;

import java.util.regex.Pattern;

/**
 * A dial prefix as rate decks and routing tables write it: the leading digits of an E.164 number without '+',
 * 1 to 15 digits ("44", "4420", "1800").
 */
public record Prefix(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9]{1,15}");

    public Prefix {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a dial prefix (1-15 digits, no '+')");
        }
    }

    /** Whether {@code number} starts with this prefix. */
    public boolean covers(E164Number number) {
        return number.digits().startsWith(value);
    }

    /** How many digits long the prefix is: a longer one is the more specific match. */
    public int length() {
        return value.length();
    }

    @Override
    public String toString() {
        return value;
    }
}
