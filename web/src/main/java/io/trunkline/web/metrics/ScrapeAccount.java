package io.trunkline.web.metrics;

/**
 * Who may scrape {@code /metrics}: anyone while the system property {@value #PROPERTY} is unset (scrapers expect an
 * open endpoint by default), otherwise only the platform account it names (Prometheus {@code basic_auth} with that
 * account's user and password). The password is checked by the container against the security realm, as for every
 * other login: the container's Basic mechanism verifies any {@code Authorization} header on every path of the
 * application and answers a credential the realm does not know 401 itself, so a credential outside the realm could
 * never reach this check; and the secret stays hashed in the realm's file rather than in a system property. Read
 * on each request, so {@code /system-property=trunkline.metrics.user:add(value=...)} takes effect at once.
 */
final class ScrapeAccount {

    static final String PROPERTY = "trunkline.metrics.user";

    /** What a scrape gets. */
    enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    private ScrapeAccount() {
    }

    /**
     * @param account    the configured scrape account, null or blank for none
     * @param remoteUser the account the container authenticated for this request, null for none
     */
    static Verdict check(String account, String remoteUser) {
        if (account == null || account.isBlank()) {
            return Verdict.ALLOWED;
        }
        if (remoteUser == null) {
            return Verdict.UNAUTHENTICATED;
        }
        return account.trim().equals(remoteUser) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }
}
