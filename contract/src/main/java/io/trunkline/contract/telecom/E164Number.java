package io.trunkline.contract.telecom;

import java.util.regex.Pattern;

/** A number in ITU-T E.164 form: '+', a country code and at most 15 digits in all, no leading zero. */
public record E164Number(String value) {

    private static final Pattern FORM = Pattern.compile("\\+[1-9][0-9]{1,14}");

    public E164Number {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an E.164 number (+ and 2-15 digits, no leading 0)");
        }
    }

    public static boolean isE164(String s) {
        return s != null && FORM.matcher(s).matches();
    }

    /** The digits without '+', as rate-deck prefixes are written. */
    public String digits() {
        return value.substring(1);
    }

    @Override
    public String toString() {
        return value;
    }
}
