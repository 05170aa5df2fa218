package io.trunkline.edge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reading values from the edge's properties file; every refusal names its key. */
final class Props {

    private Props() {
    }

    static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return v.trim();
    }

    static String text(Properties p, String key, String dflt) {
        return p.getProperty(key, dflt).trim();
    }

    static int positive(Properties p, String key, int dflt) {
        return atLeast(p, key, dflt, 1, "must be positive");
    }

    static int nonNegative(Properties p, String key, int dflt) {
        return atLeast(p, key, dflt, 0, "must be 0 or more");
    }

    private static int atLeast(Properties p, String key, int dflt, int min, String rule) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) {
                throw new IllegalArgumentException(key + " " + rule + ", was " + v.trim());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + v.trim() + "'", e);
        }
    }

    static int port(Properties p, String key, int dflt) {
        int n = positive(p, key, dflt);
        if (n > 65535) {
            throw new IllegalArgumentException(key + " must be a port in 1..65535, was " + n);
        }
        return n;
    }

    static List<String> csv(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    static List<String> uris(Properties p, String key) {
        List<String> out = csv(p.getProperty(key));
        for (String uri : out) {
            if (!uri.startsWith("sip:") && !uri.startsWith("sips:")) {
                throw new IllegalArgumentException(key + ": '" + uri + "' is not a sip: URI");
            }
        }
        return List.copyOf(out);
    }

    /** The {@code <id>} of every key {@code <prefix><id><suffix>}, with the key. */
    static java.util.Map<String, String> idsOf(Properties p, String prefix, String suffix) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
                out.put(key.substring(prefix.length(), key.length() - suffix.length()), key);
            }
        }
        return out;
    }
}
