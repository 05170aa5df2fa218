package io.trunkline.web.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Request bodies as an attacker or a broken client sends them, generated from a fixed seed: every one is
 * either read as an object or refused as a 400 or 413 {@link ApiException}, which the API answers as its JSON
 * error body; never another exception (a 500) and never a {@link StackOverflowError}.
 */
class JsonBodiesFuzzTest {

    private static final int BODIES = 12_000;
    /** A decision request as the edge sends it, the valid seed that mutations start from. */
    private static final String ROUTE = "{\"callId\":\"a84b4c76e66710@pc33\",\"direction\":\"OUTBOUND\",\"source\":\"hq-cucm\","
            + "\"calling\":\"+442071234567\",\"called\":\"9011442071234567\",\"at\":\"2026-01-01T10:00:00Z\",\"n\":[1,2.5e3,-0]}";
    private static final String[] HOSTILE = {"[", "{\"a\":", "\"", "\\", "\\u", "\\uD800", "\uD800", "\uDFFF", "1e999999999",
        "-", "0x1F", "NaN", "Infinity", "tru", "nul", "\u0000", "\u001F", "\uFEFF", ",", ":", "}", "]", "\"\\x\"", "{\"a\"}",
        "99999999999999999999999999999999999", "1.", ".1", "+1", "\r\n", "/*c*/", "\u2028"};

    private final Random random = new Random(0x7B1E_2026L);

    @Test
    void everyHostileBodyIsReadOrRefusedAs400Or413() {
        int read = 0;
        int[] refused = new int[600];
        for (int i = 0; i < BODIES; i++) {
            String body = switch (i % 6) {
                case 0 -> nested();
                case 1 -> oversized();
                case 2 -> mutated(ROUTE);
                case 3 -> ROUTE.substring(0, random.nextInt(ROUTE.length()));
                case 4 -> garbage();
                default -> spliced();
            };
            try {
                JsonObject o = JsonBodies.object(body);
                assertThat(o).isNotNull();
                read++;
            } catch (ApiException e) {
                assertThat(e.status().getStatusCode()).isIn(400, 413);
                assertThat(e.field()).isEqualTo("body");
                refused[e.status().getStatusCode()]++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("a " + e.getClass().getName() + " (a 500) for the body " + preview(body), e);
            }
        }
        assertThat(read + refused[400] + refused[413]).isEqualTo(BODIES);
        assertThat(read).as("some mutations stay valid").isPositive();
        assertThat(refused[413]).as("some bodies are over the size limit").isPositive();
        assertThat(refused[400]).isGreaterThan(read);
    }

    /** Arrays and objects opened up to 100,000 deep, sometimes closed again. */
    private String nested() {
        int depth = 1 + random.nextInt(random.nextInt(8) == 0 ? 100_000 : 130);
        StringBuilder s = new StringBuilder("{\"x\":");
        StringBuilder close = new StringBuilder("}");
        for (int i = 0; i < depth; i++) {
            boolean array = random.nextBoolean();
            s.append(array ? "[" : "{\"k\":");
            close.insert(0, array ? ']' : '}');
        }
        return s.append("0").append(random.nextBoolean() ? close : "").toString();
    }

    /** Long strings, numbers and names, around and over the limits. */
    private String oversized() {
        int n = random.nextInt(10) == 0 ? BoundedJsonReader.MAX_CHARS + random.nextInt(1000) : random.nextInt(3000);
        return switch (random.nextInt(4)) {
            case 0 -> "{\"s\":\"" + "a".repeat(n) + "\"}";
            case 1 -> "{\"" + "k".repeat(n) + "\":1}";
            case 2 -> "{\"n\":" + "7".repeat(1 + n % 1200) + "}";
            default -> "{\"n\":1e" + (random.nextBoolean() ? "-" : "") + random.nextInt(1_000_000) + "}";
        };
    }

    private String mutated(String seed) {
        StringBuilder s = new StringBuilder(seed);
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            int at = random.nextInt(s.length());
            String piece = HOSTILE[random.nextInt(HOSTILE.length)];
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, piece);
                case 1 -> s.replace(at, Math.min(s.length(), at + 1 + random.nextInt(4)), piece);
                default -> s.deleteCharAt(at);
            }
            if (s.length() == 0) {
                s.append(piece);
            }
        }
        return s.toString();
    }

    private String garbage() {
        byte[] b = new byte[1 + random.nextInt(80)];
        random.nextBytes(b);
        if (random.nextBoolean()) {
            b[0] = '{';
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Hostile pieces strung together inside an object. */
    private String spliced() {
        StringBuilder s = new StringBuilder("{\"a\":");
        for (int k = random.nextInt(6); k >= 0; k--) {
            s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
        }
        return s.append(random.nextBoolean() ? "}" : "").toString();
    }

    private static String preview(String body) {
        return body.length() <= 80 ? body : body.substring(0, 80) + "... (" + body.length() + " characters)";
    }
}
