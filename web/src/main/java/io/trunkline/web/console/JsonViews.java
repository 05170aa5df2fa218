package io.trunkline.web.console;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.json.Json;
import javax.json.JsonNumber;
import javax.json.JsonString;
import javax.json.JsonValue;

/** Stored JSON (a replay's report) as maps, lists, strings, numbers and booleans, which templates print as they are. */
final class JsonViews {

    private JsonViews() {
    }

    static Object read(String json) {
        return json == null ? null : plain(Json.createReader(new StringReader(json)).readValue());
    }

    static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT:
                Map<String, Object> m = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> m.put(k, plain(v)));
                return m;
            case ARRAY:
                List<Object> l = new ArrayList<>();
                value.asJsonArray().forEach(v -> l.add(plain(v)));
                return l;
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                return ((JsonNumber) value).bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
