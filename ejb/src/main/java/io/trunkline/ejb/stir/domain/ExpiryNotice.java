package io.trunkline.ejb.stir.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a published signing certificate needs renewing: within {@link #WARN_BEFORE} of its end a warning, past it
 * critical (verifiers refuse its calls with 437 from then on).
 *
 * @param severity WARNING or CRITICAL
 * @param title    the alert's title
 * @param details  the certificate, when it ends and what follows
 */
public record ExpiryNotice(String severity, String title, String details) {

    /** How long before its end a certificate is flagged: the 30 days ATIS-1000080's renewal practice leaves. */
    public static final Duration WARN_BEFORE = Duration.ofDays(30);

    /** The notice for {@code chain} at {@code now}, or empty while it has more than 30 days left. */
    public static Optional<ExpiryNotice> of(PublishedChain chain, Instant now) {
        Duration left = Duration.between(now, chain.notAfter());
        if (left.isNegative() || left.isZero()) {
            return Optional.of(new ExpiryNotice("CRITICAL", "Signing certificate expired", chain.subject()
                    + " (published as " + chain.name() + ") ended " + chain.notAfter()
                    + ": verifiers refuse the calls it signs (437 Unsupported Credential); renew it and publish the new "
                    + "chain"));
        }
        if (left.compareTo(WARN_BEFORE) <= 0) {
            return Optional.of(new ExpiryNotice("WARNING", "Signing certificate expires within 30 days",
                    chain.subject() + " (published as " + chain.name() + ") ends " + chain.notAfter() + ", in "
                            + left.toDays() + " days: renew it and publish the new chain"));
        }
        return Optional.empty();
    }
}
