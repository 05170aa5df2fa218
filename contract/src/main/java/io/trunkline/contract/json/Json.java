package io.trunkline.contract.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 8259 JSON reader and writer in plain Java, so the edge (Java SE, no EE) and the platform
 * read the wire contract the same way. Objects read as ordered maps, arrays as lists, numbers as
 * {@link BigDecimal}, and the literals as Boolean or null.
 *
 * <p>The reader is bounded, as RFC 8259 §9 lets a parser be ("may set limits on the size of texts, the
 * maximum depth of nesting, the range and precision of numbers, the length and character contents of
 * strings"): the text it reads is often someone else's, and an unbounded recursive descent ends in a
 * {@link StackOverflowError}. Every refusal, malformed text or a limit passed, is an
 * {@link InvalidJsonException} naming what was wrong and where.
 */
public final class Json {

    /**
     * What the reader accepts. The defaults are stricter than Jackson's {@code StreamReadConstraints}
     * (depth 1,000, numbers of 1,000 characters, strings of 20,000,000, texts unlimited) where the contract's
     * messages allow: they nest a few levels and carry short strings, the largest (the fallback table)
     * being a few megabytes.
     */
    public record Limits(int maxDepth, int maxChars, int maxStringChars, int maxNumberChars, int maxExponent) {

        public static final Limits DEFAULT = new Limits(64, 32 * 1024 * 1024, 1024 * 1024, 1000, 1000);

        public Limits {
            if (maxDepth < 1 || maxChars < 1 || maxStringChars < 1 || maxNumberChars < 1 || maxExponent < 0) {
                throw new IllegalArgumentException("JSON limits must be positive");
            }
        }
    }

    private final String text;
    private final Limits limits;
    private int at;
    private int depth;

    private Json(String text, Limits limits) {
        this.text = text;
        this.limits = limits;
    }

    /** @throws InvalidJsonException with the character position of the first error or the limit passed */
    public static Object parse(String text) {
        return parse(text, Limits.DEFAULT);
    }

    /** @throws InvalidJsonException with the character position of the first error or the limit passed */
    public static Object parse(String text, Limits limits) {
        if (text == null) {
            throw new InvalidJsonException("JSON: no text", 0);
        }
        if (text.length() > limits.maxChars()) {
            throw new InvalidJsonException("JSON: the text of " + text.length()
                    + " characters is over the limit of " + limits.maxChars(), 0);
        }
        Json p = new Json(text, limits);
        p.space();
        Object value = p.value();
        p.space();
        if (p.at != text.length()) {
            throw p.error("text after the JSON value");
        }
        return value;
    }

    /** @throws InvalidJsonException when the text is no JSON object, or is refused as {@link #parse} says */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new InvalidJsonException("JSON: expected a JSON object", 1);
        }
        return (Map<String, Object>) v;
    }

    private Object value() {
        if (at >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character " + describe(c));
        }
    }

    private void enter() {
        if (++depth > limits.maxDepth()) {
            throw error("nesting deeper than the limit of " + limits.maxDepth() + " levels");
        }
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> out = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            depth--;
            return out;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a member name in quotes");
            }
            String name = string();
            space();
            expect(':');
            space();
            out.put(name, value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                depth--;
                return out;
            }
        }
    }

    private List<Object> array() {
        enter();
        List<Object> out = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            depth--;
            return out;
        }
        while (true) {
            space();
            out.add(value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                depth--;
                return out;
            }
        }
    }

    private String string() {
        int start = ++at;
        int end = (int) Math.min(text.length(), (long) start + limits.maxStringChars() + 1);
        boolean surrogates = false;
        // Most strings of the contract have neither escapes nor surrogates: taken as one substring.
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (c == '"') {
                at = k + 1;
                String plain = text.substring(start, k);
                return surrogates ? unicode(plain) : plain;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            surrogates |= Character.isSurrogate(c);
        }
        StringBuilder s = new StringBuilder();
        while (at < text.length()) {
            if (s.length() > limits.maxStringChars()) {
                throw error("a string longer than the limit of " + limits.maxStringChars() + " characters");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return unicode(s);
            }
            if (c == '\\') {
                escape(s);
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else {
                s.append(c);
            }
        }
        throw error("string never closed");
    }

    private void escape(StringBuilder s) {
        if (at >= text.length()) {
            throw error("string never closed");
        }
        char e = text.charAt(at++);
        switch (e) {
            case '"', '\\', '/' -> s.append(e);
            case 'b' -> s.append('\b');
            case 'f' -> s.append('\f');
            case 'n' -> s.append('\n');
            case 'r' -> s.append('\r');
            case 't' -> s.append('\t');
            case 'u' -> {
                int code = 0;
                for (int k = 0; k < 4; k++) {
                    int digit = at < text.length() ? Character.digit(text.charAt(at), 16) : -1;
                    if (digit < 0) {
                        throw error("a \\u escape needs four hexadecimal digits");
                    }
                    code = code * 16 + digit;
                    at++;
                }
                s.append((char) code);
            }
            default -> throw error("bad escape \\" + describe(e));
        }
    }

    /**
     * RFC 8259 §8.2: a string with an unpaired surrogate, escaped or not, has no Unicode reading; refused
     * rather than carried on to a store or a SIP header that would mangle it.
     */
    private String unicode(CharSequence s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                k++;
            } else if (Character.isSurrogate(c)) {
                throw error("a string with an unpaired surrogate U+" + Integer.toHexString(c).toUpperCase());
            }
        }
        return s.toString();
    }

    /** RFC 8259 §6: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private BigDecimal number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (digits() == 0) {
            throw error("bad number");
        }
        boolean integer = !peek('.');
        if (!integer) {
            at++;
            if (digits() == 0) {
                throw error("bad number: no digit after the decimal point");
            }
        }
        int exponent = 0;
        if (peek('e') || peek('E')) {
            integer = false;
            at++;
            boolean negative = peek('-');
            if (negative || peek('+')) {
                at++;
            }
            int digitsAt = at;
            if (digits() == 0) {
                throw error("bad number: no digit in the exponent");
            }
            exponent = at - digitsAt > 9 ? Integer.MAX_VALUE : Integer.parseInt(text, digitsAt, at, 10);
            exponent = negative ? -exponent : exponent;
        }
        if (at - start > limits.maxNumberChars()) {
            throw error("a number longer than the limit of " + limits.maxNumberChars() + " characters");
        }
        if (Math.abs((long) exponent) > limits.maxExponent()) {
            throw error("a number's exponent beyond the limit of " + limits.maxExponent());
        }
        // An integer of up to 18 digits (the contract's SIP codes, timeouts, counts, epoch milliseconds) without
        // the detour through a substring: the same value and scale (0) as the text's own reading.
        if (integer && at - start <= 18) {
            return BigDecimal.valueOf(Long.parseLong(text, start, at, 10));
        }
        return new BigDecimal(text.substring(start, at));
    }

    private int digits() {
        int from = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - from;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private InvalidJsonException error(String what) {
        return new InvalidJsonException("JSON: " + what + " at character " + (at + 1), at + 1);
    }

    /** Writes maps, collections, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringBuilder s = new StringBuilder();
        write(s, value);
        return s.toString();
    }

    private static void write(StringBuilder s, Object v) {
        if (v == null) {
            s.append("null");
        } else if (v instanceof String str) {
            quote(s, str);
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v instanceof BigDecimal b ? b.toPlainString() : v.toString());
        } else if (v instanceof Map<?, ?> m) {
            s.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                quote(s, String.valueOf(e.getKey()));
                s.append(':');
                write(s, e.getValue());
            }
            s.append('}');
        } else if (v instanceof Collection<?> c) {
            s.append('[');
            boolean first = true;
            for (Object item : c) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                write(s, item);
            }
            s.append(']');
        } else {
            quote(s, v.toString());
        }
    }

    private static void quote(StringBuilder s, String str) {
        s.append('"');
        int n = str.length();
        int plain = 0;
        while (plain < n) {
            char c = str.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        s.append(str, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
