package io.trunkline.ejb.calls.api;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * A call search from the text of its parameters, as the REST API and the console take them: each one checked on its
 * own, the first bad one refused naming it ({@link InvalidCallQuery}).
 */
public final class CallQueries {

    /** The period searched when neither end is given. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

    private CallQueries() {
    }

    /**
     * @param from   ISO-8601 instant ({@code 2026-11-26T10:00:00Z}) or date (its midnight UTC); default {@code to}
     *               minus a day
     * @param to     the same, exclusive; default just after {@code now}
     * @param limit  1-{@value CallRecords#MAX_LIMIT}, default {@value CallRecords#DEFAULT_LIMIT}
     * @param before the {@code next} cursor of the page before, for the page after it
     * @throws InvalidCallQuery naming the first parameter that does not read
     */
    public static CallRecords.Query parse(String from, String to, String pbx, String carrier, String number,
                                          String outcome, String limit, String before, Instant now) {
        Instant end = blank(to) ? now.plusSeconds(1) : time("to", to);
        Instant start = blank(from) ? end.minus(DEFAULT_PERIOD) : time("from", from);
        PbxId p = blank(pbx) ? null : id("pbx", pbx, PbxId::new);
        CarrierId c = blank(carrier) ? null : id("carrier", carrier, CarrierId::new);
        SearchNumber n = blank(number) ? null : SearchNumber.parse(number);
        CallOutcome o = blank(outcome) ? null : CallOutcome.parse(outcome);
        int max = CallRecords.DEFAULT_LIMIT;
        if (!blank(limit)) {
            try {
                max = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new InvalidCallQuery("limit", "'" + limit + "' is not a whole number");
            }
        }
        CallCursor cursor = blank(before) ? null : CallCursor.parse(before);
        return new CallRecords.Query(start, end, p, c, n, o, max, cursor);
    }

    private static Instant time(String field, String text) {
        String t = text.strip();
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidCallQuery(field, "'" + text + "' is not an ISO-8601 instant (2026-11-26T10:00:00Z) or date "
                    + "(2026-11-26)");
        }
    }

    private static <T> T id(String field, String text, Function<String, T> make) {
        try {
            return make.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCallQuery(field, e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
