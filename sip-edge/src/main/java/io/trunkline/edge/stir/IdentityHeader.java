package io.trunkline.edge.stir;

import java.util.Locale;

/**
 * An {@code Identity} header value (RFC 8224 §4.1): the PASSporT in its compact JWS form, then its parameters
 * {@code info} (the certificate's URI in angle brackets), {@code alg} and {@code ppt}.
 *
 * @param token the compact JWS (three base64url parts separated by dots)
 * @param info  the URI of the certificate, without its brackets
 * @param alg   the algorithm the parameter names (ES256 when absent, RFC 8224 §4.1)
 * @param ppt   the PASSporT extension the parameter names, or null
 */
public record IdentityHeader(String token, String info, String alg, String ppt) {

    /** Longest value read: a SHAKEN token is about 500 characters, its parameters another 200. */
    static final int MAX_LENGTH = 4096;

    /** The header value for a signed token. */
    public String value() {
        return token + ";info=<" + info + ">;alg=" + alg + (ppt == null ? "" : ";ppt=" + ppt);
    }

    /** @throws StirException {@link StirFailure#INVALID} naming what is wrong */
    public static IdentityHeader parse(String value) throws StirException {
        if (value == null || value.isBlank()) {
            throw new StirException(StirFailure.INVALID, "empty Identity header");
        }
        if (value.length() > MAX_LENGTH) {
            throw new StirException(StirFailure.INVALID, "Identity header longer than " + MAX_LENGTH + " characters");
        }
        String v = value.strip();
        int semi = v.indexOf(';');
        String token = (semi < 0 ? v : v.substring(0, semi)).strip();
        if (!token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
            throw new StirException(StirFailure.INVALID, "the token is not three base64url parts separated by dots");
        }
        String info = null;
        String alg = null;
        String ppt = null;
        String rest = semi < 0 ? "" : v.substring(semi + 1);
        int i = 0;
        while (i < rest.length()) {
            int eq = rest.indexOf('=', i);
            if (eq < 0) {
                throw new StirException(StirFailure.INVALID, "a parameter without a value: " + rest.substring(i).strip());
            }
            String name = rest.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int end;
            String val;
            int start = eq + 1;
            while (start < rest.length() && rest.charAt(start) == ' ') {
                start++;
            }
            if (start < rest.length() && rest.charAt(start) == '<') {
                int close = rest.indexOf('>', start);
                if (close < 0) {
                    throw new StirException(StirFailure.INVALID, "info's URI has no closing '>'");
                }
                val = rest.substring(start + 1, close);
                end = rest.indexOf(';', close);
            } else {
                end = rest.indexOf(';', start);
                val = (end < 0 ? rest.substring(start) : rest.substring(start, end)).strip();
            }
            switch (name) {
                case "info" -> info = val;
                case "alg" -> alg = val;
                case "ppt" -> ppt = val.replace("\"", "");
                default -> {
                    // RFC 8224 §4.1: other parameters are extensions, ignored.
                }
            }
            i = end < 0 ? rest.length() : end + 1;
        }
        if (info == null || info.isBlank()) {
            throw new StirException(StirFailure.BAD_INFO, "no info parameter (the certificate's URI)");
        }
        return new IdentityHeader(token, info, alg == null ? "ES256" : alg, ppt);
    }
}
