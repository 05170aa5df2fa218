package io.trunkline.contract.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the contract writes ({@link Instant#toString()}: {@code 2026-12-06T18:48:35.837481844Z}, a
 * four-digit year, UTC, no fraction or one of up to nine digits) without the JDK's general ISO parser, which builds a
 * parsed-fields map and resolves it for every value; a call record carries four to six of them and the platform reads
 * one per call. Any other text (another year width, an offset, a leap second, a date that does not exist) goes to
 * {@link Instant#parse}, so what is accepted and what is refused, and the exception, are the JDK's.
 */
public final class UtcInstants {

    private UtcInstants() {
    }

    /** @throws java.time.format.DateTimeParseException as {@link Instant#parse} for text that is not an instant */
    public static Instant parse(CharSequence text) {
        int n = text.length();
        if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (n > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = digits(text, 20, n - 1);
            if (fraction < 0) {
                return Instant.parse(text);
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return Instant.parse(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDate) {
            return Instant.parse(text);
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of text[from, to), -1 when a character is not an ASCII digit. */
    private static int digits(CharSequence text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
