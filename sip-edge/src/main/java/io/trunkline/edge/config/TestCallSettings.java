package io.trunkline.edge.config;

import java.util.Properties;

/**
 * The management endpoint the platform places synthetic test calls through: keys {@code testcalls.port} (absent or
 * 0: off), {@code testcalls.bind} (default 127.0.0.1: bind it to the management network, never the SIP side),
 * {@code testcalls.token} (the bearer token, required with a port, at least {@value #MIN_TOKEN} characters) and
 * {@code testcalls.max-concurrent} (default 4).
 */
public record TestCallSettings(int port, String bind, String token, int maxConcurrent) {

    /** 24 characters of a random token carry well over 128 bits (base64: 144). */
    public static final int MIN_TOKEN = 24;

    @Override
    public String toString() {
        // The token never reaches a log.
        return "TestCallSettings[port=" + port + ", bind=" + bind + ", maxConcurrent=" + maxConcurrent + "]";
    }

    /** Whether the endpoint is served at all. */
    public boolean enabled() {
        return port > 0;
    }

    static TestCallSettings from(Properties p) {
        String portText = Props.text(p, "testcalls.port", "0");
        int port = "0".equals(portText) ? 0 : Props.port(p, "testcalls.port", 0);
        String bind = Props.text(p, "testcalls.bind", "127.0.0.1");
        if (bind.isEmpty()) {
            throw new IllegalArgumentException("testcalls.bind must be an address");
        }
        int max = Props.positive(p, "testcalls.max-concurrent", 4);
        if (port == 0) {
            return new TestCallSettings(0, bind, null, max);
        }
        String token = Props.required(p, "testcalls.token");
        if (token.length() < MIN_TOKEN) {
            throw new IllegalArgumentException("testcalls.token must be at least " + MIN_TOKEN + " characters, was "
                    + token.length());
        }
        return new TestCallSettings(port, bind, token, max);
    }
}
