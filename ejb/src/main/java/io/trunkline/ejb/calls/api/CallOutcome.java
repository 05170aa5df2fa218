package io.trunkline.ejb.calls.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * How a call ended, as calls are searched by it: one of five kinds that split every call, or one SIP release code.
 * <ul>
 *   <li>{@code answered}: answered (an attempt got a 2xx; the edge releases it with 200);</li>
 *   <li>{@code refused}: never answered and never tried: the decision refused it (403 barred, 404 no route...);</li>
 *   <li>{@code busy}: tried, released with 486 Busy Here or 600 Busy Everywhere;</li>
 *   <li>{@code no-answer}: tried, released with 408, 480 or 487 (no answer in time, unavailable, cancelled before
 *       the answer), the no-answer codes of ITU-T E.411's NER as the metrics count them;</li>
 *   <li>{@code failed}: tried, released with any other code (503, 404, 603...);</li>
 *   <li>a code such as {@code 503}: the call's release code, whatever its kind (200 for an answered call ended by a
 *       BYE).</li>
 * </ul>
 *
 * @param kind     the kind, or null when searching by {@code code}
 * @param sipCode  the release code (100-699), or null when searching by {@code kind}
 */
public record CallOutcome(Kind kind, Integer sipCode) implements Serializable {

    /** The five kinds; each call is of exactly one. */
    public enum Kind {
        ANSWERED("answered"), REFUSED("refused"), BUSY("busy"), NO_ANSWER("no-answer"), FAILED("failed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** As the API writes it: {@code no-answer}. */
        public String label() {
            return label;
        }
    }

    /** Release codes of a busy callee. */
    public static final Set<Integer> BUSY_CODES = Set.of(486, 600);
    /** Release codes of a callee that did not answer. */
    public static final Set<Integer> NO_ANSWER_CODES = Set.of(408, 480, 487);

    public CallOutcome {
        if ((kind == null) == (sipCode == null)) {
            throw new InvalidCallQuery("outcome", "either a kind or a SIP code");
        }
        if (sipCode != null && (sipCode < 100 || sipCode > 699)) {
            throw new InvalidCallQuery("outcome", "a SIP code is 100-699, got " + sipCode);
        }
    }

    public static CallOutcome of(Kind kind) {
        return new CallOutcome(kind, null);
    }

    public static CallOutcome code(int sipCode) {
        return new CallOutcome(null, sipCode);
    }

    /** {@code answered}, {@code no-answer} (or {@code no_answer}, any case), or a SIP code such as {@code 503}. */
    public static CallOutcome parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("[0-9]{3}")) {
            return code(Integer.parseInt(t));
        }
        for (Kind k : Kind.values()) {
            if (k.label.equals(t.replace('_', '-'))) {
                return of(k);
            }
        }
        throw new InvalidCallQuery("outcome", "expected one of " + Arrays.stream(Kind.values()).map(Kind::label).toList()
                + " or a SIP code (100-699), got '" + text + "'");
    }

    /** The kind of a stored call, from what its record says. */
    public static Kind kindOf(Instant answeredAt, int attempts, int releaseCode) {
        if (attempts == 0) {
            return Kind.REFUSED;
        }
        if (answeredAt != null) {
            return Kind.ANSWERED;
        }
        if (BUSY_CODES.contains(releaseCode)) {
            return Kind.BUSY;
        }
        return NO_ANSWER_CODES.contains(releaseCode) ? Kind.NO_ANSWER : Kind.FAILED;
    }

    /** Whether a stored call is of this outcome. */
    public boolean matches(Instant answeredAt, int attempts, int releaseCode) {
        return kind != null ? kindOf(answeredAt, attempts, releaseCode) == kind : releaseCode == sipCode;
    }

    /** As the API writes it: {@code busy} or {@code 503}. */
    public String label() {
        return kind != null ? kind.label() : String.valueOf(sipCode);
    }
}
