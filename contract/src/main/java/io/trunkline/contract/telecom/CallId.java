package io.trunkline.contract.telecom;

/**
 * A SIP Call-ID (RFC 3261 §8.1.1.4, §20.8): one or more visible characters, no white space. RFC 3261 sets no
 * length; 1,024 characters bound what the edge keeps of one, far above any real stack's (a platform column that
 * holds less refuses the record, which is then kept as unreadable with its reason).
 */
public record CallId(String value) {

    public static final int MAX_LENGTH = 1024;

    public CallId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a Call-ID is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a Call-ID of " + value.length() + " characters is longer than "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("a Call-ID holds no white space or control character (position "
                        + (i + 1) + ")");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
