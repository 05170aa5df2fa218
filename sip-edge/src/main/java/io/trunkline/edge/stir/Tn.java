package io.trunkline.edge.stir;

/**
 * Telephone numbers as PASSporT carries them (RFC 8224 §8.3): digits only, without the leading "+" and visual
 * separators; the comparison of a token's {@code orig}/{@code dest} with the call's numbers is on this form.
 */
final class Tn {

    private Tn() {
    }

    /** The canonical form of {@code number}, or null when it has anything but digits, "+" and separators. */
    static String canonical(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!(c == '+' && digits.length() == 0) && c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                return null;
            }
        }
        return digits.length() == 0 ? null : digits.toString();
    }
}
