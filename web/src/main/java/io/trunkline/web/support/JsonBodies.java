package io.trunkline.web.support;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import javax.json.spi.JsonProvider;
import javax.json.JsonArrayBuilder;
import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonObjectBuilder;
import javax.json.JsonString;
import javax.json.JsonValue;

/** JSON in and out of the API with JSON-P: request bodies read strictly, plain values written. */
public final class JsonBodies {

    /**
     * Looked up once: {@code javax.json.Json}'s static methods look the provider up through the class
     * loader on every call, which costs more than the rest of a routing decision.
     */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final BoundedJsonReader READER = new BoundedJsonReader(JSON);

    private JsonBodies() {
    }

    /**
     * @throws ApiException 400 saying what is wrong with the body, or naming the limit of nesting or numbers
     *     it passes; 413 when it is over the size limit of a JSON body ({@link BoundedJsonReader})
     */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        JsonValue value = READER.read(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("body", "expected a JSON object, got " + value.getValueType().name().toLowerCase());
        }
        return value.asJsonObject();
    }

    /** A required string member. */
    public static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            throw ApiException.badRequest(field, "is required");
        }
        if (!(v instanceof JsonString)) {
            throw ApiException.badRequest(field, "must be a string");
        }
        return ((JsonString) v).getString();
    }

    /** An optional string member: null when absent or null. */
    public static String optionalString(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString)) {
            throw ApiException.badRequest(field, "must be a string");
        }
        return ((JsonString) v).getString();
    }

    /** An optional list of strings: a JSON array of strings, or absent (empty list). */
    public static java.util.List<String> strings(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return java.util.List.of();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest(field, "must be an array of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonValue item : v.asJsonArray()) {
            if (!(item instanceof JsonString)) {
                throw ApiException.badRequest(field, "must be an array of strings");
            }
            out.add(((JsonString) item).getString());
        }
        return out;
    }

    /** An optional number member, null when absent. */
    public static Double optionalNumber(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber)) {
            throw ApiException.badRequest(field, "must be a number");
        }
        return ((JsonNumber) v).doubleValue();
    }

    /** A required boolean member. */
    public static boolean bool(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        throw ApiException.badRequest(field, v == null || v == JsonValue.NULL ? "is required" : "must be true or false");
    }

    /**
     * An optional identifier from a query parameter as its value object: null when absent or blank, else made by
     * {@code make}, whose refusal becomes a 400 naming {@code field}.
     */
    public static <T> T optionalId(String field, String text, java.util.function.Function<String, T> make) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return valueOf(field, () -> make.apply(text.trim()));
    }

    /** Builds a value from a member, turning the value type's refusal into a 400 naming the field. */
    public static <T> T valueOf(String field, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-26T10:00:00Z}) or date (its start in UTC), from a query parameter or a
     * member.
     */
    public static Instant instant(String field, String text) {
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(field, "'" + text + "' is not an ISO-8601 instant (2026-11-26T10:00:00Z) or date");
        }
    }

    /** A JSON text the platform wrote and stored itself, as a value to put in an answer. */
    public static JsonValue stored(String json) {
        try (javax.json.JsonReader reader = JSON.createReader(new java.io.StringReader(json))) {
            return reader.readValue();
        }
    }

    /** A required whole number member within bounds. */
    public static long integer(JsonObject o, String field, long min, long max) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            throw ApiException.badRequest(field, "is required");
        }
        if (!(v instanceof JsonNumber) || !((JsonNumber) v).isIntegral()) {
            throw ApiException.badRequest(field, "must be a whole number");
        }
        long n;
        try {
            // Exact: longValue() would wrap 2^64 + 1 round to 1 and let it through the bounds.
            n = ((JsonNumber) v).longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest(field, "must be between " + min + " and " + max);
        }
        if (n < min || n > max) {
            throw ApiException.badRequest(field, "must be between " + min + " and " + max);
        }
        return n;
    }

    /** Writes strings, numbers, booleans, instants, records' maps, lists and maps of them. */
    public static JsonValue value(Object o) {
        if (o == null) {
            return JsonValue.NULL;
        }
        if (o instanceof JsonValue) {
            return (JsonValue) o;
        }
        if (o instanceof String || o instanceof Instant || o instanceof Enum<?>) {
            return JSON.createValue(o.toString());
        }
        if (o instanceof Integer || o instanceof Long) {
            return JSON.createValue(((Number) o).longValue());
        }
        if (o instanceof Number) {
            return JSON.createValue(((Number) o).doubleValue());
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (o instanceof Map<?, ?>) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            ((Map<?, ?>) o).forEach((k, v) -> b.add(String.valueOf(k), value(v)));
            return b.build();
        }
        if (o instanceof Collection<?>) {
            JsonArrayBuilder a = JSON.createArrayBuilder();
            ((Collection<?>) o).forEach(v -> a.add(value(v)));
            return a.build();
        }
        throw new IllegalArgumentException("no JSON form for " + o.getClass().getName());
    }
}
