package io.trunkline.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Hostile texts, generated from a fixed seed so a failure repeats: whatever arrives, the reader either
 * returns a value or refuses with its own {@link InvalidJsonException}, never another exception and never a
 * {@link StackOverflowError}.
 */
class JsonFuzzTest {

    private static final int ROUNDS = 1_500;
    /** Small limits so texts over them stay cheap to generate; the defaults are exercised by the deep texts. */
    private static final Json.Limits SMALL = new Json.Limits(16, 20_000, 300, 40, 50);

    private static final String MUTATIONS = "{}[]\",:-.eE0\\ntfu";

    private final Random random = new Random(20_260_704L);

    @Test
    void everyHostileTextIsReadOrRefusedWithTheReadersOwnException() {
        List<Supplier<String>> kinds = List.of(this::deepNesting, this::longString, this::longNumber,
                this::truncatedDocument, this::randomBytes, this::badEscape, this::surrogates, this::mutatedDocument);
        int read = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Supplier<String> kind : kinds) {
                String text = kind.get();
                Json.Limits limits = random.nextBoolean() ? Json.Limits.DEFAULT : SMALL;
                try {
                    Object value = Json.parse(text, limits);
                    String written = Json.write(value);
                    assertThat(Json.write(Json.parse(written))).as("what was read writes back the same").isEqualTo(written);
                    read++;
                } catch (InvalidJsonException e) {
                    assertThat(e.getMessage()).startsWith("JSON: ");
                    refused++;
                } catch (RuntimeException | StackOverflowError e) {
                    fail("not the reader's own refusal for " + preview(text), e);
                }
            }
        }
        assertThat(read + refused).isEqualTo(ROUNDS * kinds.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(read).as("some generated texts are valid").isPositive();
        assertThat(refused).as("most are not").isGreaterThan(read);
    }

    private String deepNesting() {
        int depth = 1 + random.nextInt(random.nextInt(10) == 0 ? 100_000 : 200);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append(random.nextBoolean() ? "[" : "{\"k\":");
        }
        if (random.nextBoolean()) {
            s.append("1");
        }
        return s.toString();
    }

    private String longString() {
        return "\"" + "x".repeat(random.nextInt(random.nextInt(20) == 0 ? 2_000_000 : 600)) + (random.nextBoolean() ? "\"" : "");
    }

    private String longNumber() {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
        s.append("9".repeat(1 + random.nextInt(1_200)));
        if (random.nextBoolean()) {
            s.append('.').append("0".repeat(random.nextInt(30)));
        }
        if (random.nextBoolean()) {
            s.append(random.nextBoolean() ? "e" : "E").append(random.nextBoolean() ? "-" : "+")
                    .append(random.nextInt(random.nextBoolean() ? 2_000 : Integer.MAX_VALUE));
        }
        return random.nextBoolean() ? "[" + s + "]" : s.toString();
    }

    private String truncatedDocument() {
        String doc = document(4);
        return doc.substring(0, random.nextInt(doc.length() + 1));
    }

    private String randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private String badEscape() {
        String[] escapes = {"\\x", "\\u12G4", "\\u", "\\u00", "\\", "\\U0041", "\\\u0000", "\\'", "\\u+041"};
        return "{\"a\":\"" + escapes[random.nextInt(escapes.length)] + (random.nextBoolean() ? "\"}" : "");
    }

    private String surrogates() {
        String[] parts = {"\\uD800", "\\uDC00", "\\uD83D\\uDE00", "\uD800", "\uDFFF", "\uD83D\uDE00", "\\uDBFF\\uDBFF", "a"};
        StringBuilder s = new StringBuilder("[\"");
        for (int i = random.nextInt(4); i >= 0; i--) {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.append("\"]").toString();
    }

    private String mutatedDocument() {
        StringBuilder doc = new StringBuilder(document(3));
        for (int i = random.nextInt(3); i >= 0 && doc.length() > 0; i--) {
            int at = random.nextInt(doc.length());
            switch (random.nextInt(3)) {
                case 0 -> doc.deleteCharAt(at);
                case 1 -> doc.insert(at, MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
                default -> doc.setCharAt(at, (char) random.nextInt(0x3000));
            }
        }
        return doc.toString();
    }

    /** A valid document of objects, arrays, strings, numbers and literals. */
    private String document(int depth) {
        int kind = depth == 0 ? 2 + random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> {
                List<String> members = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    members.add("\"m" + i + "\": " + document(depth - 1));
                }
                yield "{" + String.join(", ", members) + "}";
            }
            case 1 -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(document(depth - 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            case 2 -> "\"s\\u00e9\\\"\\n" + random.nextInt(1000) + "\"";
            case 3 -> (random.nextBoolean() ? "-" : "") + random.nextInt(100_000) + (random.nextBoolean() ? ".25e-3" : "");
            case 4 -> random.nextBoolean() ? "true" : "false";
            default -> "null";
        };
    }

    private static String preview(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
    }
}
