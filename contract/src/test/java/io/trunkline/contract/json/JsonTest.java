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
}
