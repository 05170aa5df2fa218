package io.trunkline.web.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/**
 * The synchronizer token of OWASP's CSRF prevention: 256 random bits made at login and kept in the session; every
 * state-changing request must carry it, in the form field {@value #FIELD} or the header {@value #HEADER} (the
 * console's scripts calling the REST API with the session), compared in constant time. A forged request from
 * another site carries the session cookie but cannot read the token.
 */
public final class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String ATTRIBUTE = Csrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** A new token for a session that just logged in. */
    static String issue(HttpSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, token);
        return token;
    }

    /** The session's token, or null without a session or before login. */
    static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(ATTRIBUTE);
    }

    /** Whether the request carries its session's token (form field or header). */
    static boolean carried(HttpServletRequest request) {
        String expected = token(request);
        if (expected == null) {
            return false;
        }
        String sent = request.getHeader(HEADER);
        if (sent == null) {
            sent = request.getParameter(FIELD);
        }
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII));
    }

    /** GET, HEAD and OPTIONS change nothing (RFC 9110 §9.2.1 safe methods); everything else needs the token. */
    static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
