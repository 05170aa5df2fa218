package io.trunkline.web.console;

import javax.servlet.http.HttpServletRequest;

/** Checks of a console request that need no container: where it came from, where a login may lead. */
final class RequestChecks {

    private RequestChecks() {
    }

    /**
     * A state-changing request must come from the platform's own pages: its {@code Origin} (or, without one, its
     * {@code Referer}) names this host, as OWASP's "verifying origin with standard headers" asks, beside the token.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            origin = request.getHeader("Referer");
        }
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        return origin.equals("http://" + host) || origin.equals("https://" + host)
                || origin.startsWith("http://" + host + "/") || origin.startsWith("https://" + host + "/");
    }

    /** Only a console path: never a redirect to another site (OWASP "unvalidated redirects"). */
    static String next(String next) {
        if (next == null || !next.startsWith(ConsoleFilter.ROOT + "/") || next.startsWith(ConsoleFilter.LOGIN)
                || next.contains("//") || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return ConsoleFilter.ROOT + "/";
        }
        return next;
    }
}
