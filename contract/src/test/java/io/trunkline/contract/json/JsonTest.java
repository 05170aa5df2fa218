package io.trunkline.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsEveryKindOfValue() {
        Map<String, Object> m = Json.parseObject(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\\"y\\u00e9\\n\"}} ");
        assertThat((List<Object>) m.get("a")).containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null);
        assertThat(((Map<?, ?>) m.get("b")).get("c")).isEqualTo("x\"yé\n");
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void writesWhatItReads() {
        String text = "{\"s\":\"q\\\"\\\\\\t\",\"n\":12.50,\"l\":[true,null,{}]}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void errorsSayWhere() {
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessage("JSON: expected ':' at character 6");
        assertThatThrownBy(() -> Json.parse("[1,]")).hasMessageContaining("unexpected character ']' at character 4");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("string never closed");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("text after the JSON value");
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void nestingIsBoundedAndTheRefusalNamesTheLimit() {
        String deepest = "[".repeat(64) + "]".repeat(64);
        assertThat(Json.parse(deepest)).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(65) + "]".repeat(65)))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage("JSON: nesting deeper than the limit of 64 levels at character 65");
        assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(100_000)))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("limit of 64 levels");
    }

    @Test
    void textStringsAndNumbersAreBounded() {
        Json.Limits small = new Json.Limits(8, 40, 5, 6, 9);
        assertThatThrownBy(() -> Json.parse(" ".repeat(41), small)).isInstanceOf(InvalidJsonException.class)
                .hasMessage("JSON: the text of 41 characters is over the limit of 40");
        assertThat(Json.parse("\"abcde\"", small)).isEqualTo("abcde");
        assertThatThrownBy(() -> Json.parse("\"abcdef\"", small)).hasMessageContaining("longer than the limit of 5 characters");
        assertThat(Json.parse("-1.5e9", small)).isEqualTo(new BigDecimal("-1.5e9"));
        assertThatThrownBy(() -> Json.parse("1234567", small)).hasMessageContaining("number longer than the limit of 6");
        assertThatThrownBy(() -> Json.parse("1e10", small)).hasMessageContaining("exponent beyond the limit of 9");
        assertThatThrownBy(() -> Json.parse("1e999999999999")).hasMessageContaining("exponent beyond the limit of 1000");
    }

    @Test
    void numbersFollowTheGrammarOfRfc8259() {
        for (String bad : List.of("+1", "01", "1.", ".5", "-", "1e", "1e+", "--1", "0x10")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(InvalidJsonException.class);
        }
        assertThat(Json.parse("[0, -0.0, 10E+2]")).isEqualTo(List.of(BigDecimal.ZERO, new BigDecimal("-0.0"), new BigDecimal("10E+2")));
    }

    @Test
    void escapesAndSurrogatesAreChecked() {
        assertThat(Json.parse("\"\\uD83D\\uDE00\"")).isEqualTo("\uD83D\uDE00");
        assertThatThrownBy(() -> Json.parse("\"\\uD83D\"")).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("unpaired surrogate U+D83D");
        assertThatThrownBy(() -> Json.parse("\"\uDE00x\"")).hasMessageContaining("unpaired surrogate U+DE00");
        assertThatThrownBy(() -> Json.parse("\"\\u12G4\"")).hasMessageContaining("four hexadecimal digits");
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("bad escape \\'x'");
        assertThatThrownBy(() -> Json.parse("\"\\")).hasMessageContaining("string never closed");
    }

    @Test
    void plainStringsAndIntegersReadAsTheirGeneralReadingDoes() {
        // Integers of up to 18 characters are read without BigDecimal's text parser; the value and scale are the same.
        for (String n : List.of("0", "-0", "7", "-42", "123456789012345678", "-12345678901234567", "1234567890123456789",
                "-123456789012345678", "99999999999999999999")) {
            BigDecimal read = (BigDecimal) Json.parse(n);
            assertThat(read).as(n).isEqualTo(new BigDecimal(n));
            assertThat(read.scale()).as(n).isZero();
        }
        // A string without escapes is taken whole; one with them, or with a surrogate, gives the same reading and refusal.
        assertThat(Json.parse("{\"a\":\"sip:+442071234567@127.0.0.1:5071\",\"b\":\"x\\\"y\"}"))
                .isEqualTo(java.util.Map.of("a", "sip:+442071234567@127.0.0.1:5071", "b", "x\"y"));
        assertThat(Json.parse("\"caf\u00e9 \uD83D\uDE00\"")).isEqualTo("caf\u00e9 \uD83D\uDE00");
        assertThatThrownBy(() -> Json.parse("[\"ab\uD83D\"]")).hasMessage("JSON: a string with an unpaired surrogate U+D83D at character 7");
        assertThatThrownBy(() -> Json.parse("[\"a\\nb\uD83D\"]")).hasMessage("JSON: a string with an unpaired surrogate U+D83D at character 9");
        assertThatThrownBy(() -> Json.parse("\"ab\ncd\"")).hasMessage("JSON: control character in a string at character 5");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessage("JSON: string never closed at character 5");
        Json.Limits small = new Json.Limits(8, 40, 5, 6, 9);
        assertThat(Json.parse("[\"abcde\"]", small)).isEqualTo(List.of("abcde"));
        assertThatThrownBy(() -> Json.parse("[\"abcdef\"]", small)).hasMessageContaining("longer than the limit of 5 characters");
        // And written back: plain text as it is, the rest escaped.
        assertThat(Json.write(List.of("plain", "a\"b\\c\nd\u0001"))).isEqualTo("[\"plain\",\"a\\\"b\\\\c\\nd\\u0001\"]");
    }
}
