package io.trunkline.ejb.calls.api;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A number an ops engineer searches calls by: the calling or the called number, as dialed or as normalized. The text
 * is cleaned of the separators people type ({@code +44 20 7123-4567}, {@code (020) 7123 4567}) and then matched
 * <b>exactly</b> (not as a prefix) in any of its {@link #forms()}: itself, and the E.164 number it reads as when it
 * is written internationally. So {@code +442071234567}, {@code 442071234567}, {@code 00442071234567} and
 * {@code 011442071234567} all find a call to +44 20 7123 4567, whichever of them was dialed; a national form
 * ({@code 02071234567}) or one with a PBX's outside-line digit ({@code 9011442071234567}) finds it as dialed only,
 * as reading it needs the PBX's dial plan. Exact, because an exact number is answered from an index in a few
 * milliseconds over any period, where a short prefix ({@code +44}) would match millions of calls.
 *
 * @param text the number as cleaned: an optional {@code +} and 1-32 keypad characters (0-9 * #)
 */
public record SearchNumber(String text) implements Serializable {

    private static final Pattern KEYPAD = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()/]");
    /** Fewer digits than this (extensions, short codes) are never read as an international number. */
    private static final int SHORTEST_INTERNATIONAL = 8;
    /** ITU-T E.164 §6: at most 15 digits. */
    private static final int LONGEST_INTERNATIONAL = 15;

    public SearchNumber {
        if (text == null || !KEYPAD.matcher(text).matches()) {
            throw new InvalidCallQuery("number", "expected a phone number: an optional + and 1-32 digits, * or # "
                    + "(spaces, dashes, dots, slashes and brackets are ignored), got '" + text + "'");
        }
    }

    /** The number as typed, separators removed. */
    public static SearchNumber parse(String typed) {
        return new SearchNumber(typed == null ? null : SEPARATORS.matcher(typed.strip()).replaceAll(""));
    }

    /**
     * Every text a stored number column may hold for this number, the typed one first: {@code +44...} also as
     * {@code 44...}; {@code 44...}, {@code 0044...} and {@code 01144...} also as {@code +44...} (8 to 15 digits after
     * the international prefix, not starting with 0).
     */
    public List<String> forms() {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(text);
        if (text.startsWith("+")) {
            forms.add(text.substring(1));
        } else if (text.chars().allMatch(Character::isDigit)) {
            String international = text.startsWith("00") ? text.substring(2)
                    : text.startsWith("011") ? text.substring(3) : text;
            if (international.length() >= SHORTEST_INTERNATIONAL && international.length() <= LONGEST_INTERNATIONAL
                    && !international.startsWith("0")) {
                forms.add("+" + international);
            }
        }
        return List.copyOf(forms);
    }
}
