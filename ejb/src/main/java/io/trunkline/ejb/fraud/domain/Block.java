package io.trunkline.ejb.fraud.domain;

import java.time.Instant;

/**
 * A subject refused service until {@code until}: by a fraud row ({@code by} = the row's rule name) or by a person.
 *
 * @param subject the subject's key ({@code ext:hq-cucm/2001}, {@code pbx:hq-cucm}, {@code prefix:+881})
 * @param reason  what crossed which line, for the people who lift it
 */
public record Block(String subject, String by, String reason, Instant at, Instant until) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
