package io.trunkline.rules.dialplan;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Dial patterns as PBX administrators write them (Asterisk extensions.conf and CUCM route patterns):
 * {@code X} any digit, {@code Z} 1-9, {@code N} 2-9, {@code [1-4]} a set or range, {@code .} one or more
 * further characters, {@code !} zero or more; digits, {@code *}, {@code #} and {@code +} stand for
 * themselves. Patterns are compiled once and cached: the table is evaluated per call.
 */
public final class DialPattern {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private DialPattern() {
    }

    public static boolean matches(String pattern, String dialed) {
        return dialed != null && compile(pattern).matcher(dialed).matches();
    }

    /** @throws IllegalArgumentException naming the character that is not dial-pattern syntax */
    public static Pattern compile(String pattern) {
        return CACHE.computeIfAbsent(pattern, DialPattern::toRegex);
    }

    private static Pattern toRegex(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("empty dial pattern");
        }
        StringBuilder re = new StringBuilder();
        String p = pattern.trim();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case 'X', 'x' -> re.append("[0-9]");
                case 'Z', 'z' -> re.append("[1-9]");
                case 'N', 'n' -> re.append("[2-9]");
                case '.' -> re.append(".+");
                case '!' -> re.append(".*");
                case '*', '#', '+' -> re.append('\\').append(c);
                case '[' -> {
                    int end = p.indexOf(']', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("dial pattern '" + pattern + "': '[' at position " + (i + 1) + " is not closed");
                    }
                    String set = p.substring(i + 1, end);
                    if (!set.matches("[0-9\\-]+")) {
                        throw new IllegalArgumentException("dial pattern '" + pattern + "': set [" + set + "] may hold only digits and ranges");
                    }
                    re.append('[').append(set).append(']');
                    i = end;
                }
                default -> {
                    if (c >= '0' && c <= '9') {
                        re.append(c);
                    } else {
                        throw new IllegalArgumentException("dial pattern '" + pattern + "': '" + c + "' at position " + (i + 1) + " is not dial-pattern syntax");
                    }
                }
            }
        }
        try {
            return Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("dial pattern '" + pattern + "': " + e.getDescription(), e);
        }
    }
}
