package io.trunkline.edge.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3), the encoding of rtpengine's {@code ng} protocol: byte strings ({@code 4:spam}), integers
 * ({@code i42e}), lists ({@code l...e}) and dictionaries ({@code d...e}, keys byte strings in sorted order).
 * Encodes {@link CharSequence} (as UTF-8), {@code byte[]}, {@link Number} (whole), {@link List} and {@link Map} with
 * string keys; decodes to {@link String} (UTF-8), {@link Long}, {@link List} and {@link Map} (keys in the order
 * received). A malformed input is refused with the offset where it went wrong; nesting deeper than {@value #MAX_DEPTH}
 * and strings longer than the input are refused, so a hostile reply cannot exhaust the stack or the heap.
 */
public final class Bencode {

    /** How deep lists and dictionaries may nest in a decoded value (rtpengine's replies nest five deep). */
    public static final int MAX_DEPTH = 32;

    private Bencode() {
    }

    /** The encoding of {@code value}. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out);
        return out.toByteArray();
    }

    /** The value {@code data[offset..]} encodes, which must fill it to the end. */
    public static Object decode(byte[] data, int offset) {
        Decoder d = new Decoder(data, offset);
        Object value = d.value(0);
        if (d.at != data.length) {
            throw new BencodeException("data after the value", d.at);
        }
        return value;
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof CharSequence s) {
            bytes(s.toString().getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof byte[] b) {
            bytes(b, out);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            ascii("i" + ((Number) value).longValue() + "e", out);
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(v -> encode(v, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            // BEP 3: keys sorted as raw strings; UTF-8 bytes and Java's String order agree for ASCII keys.
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("a dictionary key must be a string: " + k);
                }
                if (v != null) {
                    sorted.put(key, v);
                }
            });
            sorted.forEach((k, v) -> {
                encode(k, out);
                encode(v, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("not encodable: " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void bytes(byte[] b, ByteArrayOutputStream out) {
        ascii(b.length + ":", out);
        out.writeBytes(b);
    }

    private static void ascii(String s, ByteArrayOutputStream out) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class Decoder {
        private final byte[] data;
        private int at;

        Decoder(byte[] data, int at) {
            this.data = data;
            this.at = at;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new BencodeException("nested deeper than " + MAX_DEPTH, at);
            }
            byte b = peek();
            if (b == 'i') {
                at++;
                long n = number('e');
                return n;
            }
            if (b == 'l') {
                at++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value(depth + 1));
                }
                at++;
                return list;
            }
            if (b == 'd') {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (peek() != 'e') {
                    if (peek() < '0' || peek() > '9') {
                        throw new BencodeException("a dictionary key must be a string", at);
                    }
                    String key = string();
                    map.put(key, value(depth + 1));
                }
                at++;
                return map;
            }
            if (b >= '0' && b <= '9') {
                return string();
            }
            throw new BencodeException("unexpected '" + (char) b + "'", at);
        }

        private String string() {
            long length = number(':');
            if (length > data.length - at) {
                throw new BencodeException("a string of " + length + " bytes where " + (data.length - at) + " are left", at);
            }
            String s = new String(data, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return s;
        }

        /** Digits (with a leading minus) up to {@code end}, which is consumed. */
        private long number(char end) {
            int start = at;
            boolean negative = peek() == '-';
            if (negative) {
                at++;
            }
            long n = 0;
            int digits = 0;
            while (peek() != end) {
                byte c = data[at];
                if (c < '0' || c > '9' || digits == 18) {
                    throw new BencodeException("not a number", start);
                }
                n = n * 10 + (c - '0');
                digits++;
                at++;
            }
            if (digits == 0) {
                throw new BencodeException("an empty number", start);
            }
            at++;
            return negative ? -n : n;
        }

        private byte peek() {
            if (at >= data.length) {
                throw new BencodeException("the data end inside a value", at);
            }
            return data[at];
        }
    }

    /** Input that is not bencoding, with the offset where it stopped being so. */
    public static final class BencodeException extends RuntimeException {

        private final int offset;

        BencodeException(String message, int offset) {
            super(message + " at byte " + offset);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
