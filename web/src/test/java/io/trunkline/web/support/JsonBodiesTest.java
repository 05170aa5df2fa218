package io.trunkline.web.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.contract.telecom.CarrierId;
import java.util.List;
import java.util.Map;
import javax.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void readsAnObjectWithItsMembers() {
        JsonObject o = JsonBodies.object("{\"pbx\":\"hq\",\"n\":[1,{\"deep\":[true]}],\"limit\":25,\"up\":false,\"tags\":[\"a\",\"b\"]}");
        assertThat(JsonBodies.string(o, "pbx")).isEqualTo("hq");
        assertThat(JsonBodies.optionalString(o, "absent")).isNull();
        assertThat(JsonBodies.integer(o, "limit", 1, 100)).isEqualTo(25);
        assertThat(JsonBodies.bool(o, "up")).isFalse();
        assertThat(JsonBodies.strings(o, "tags")).containsExactly("a", "b");
        assertThat(o.getJsonArray("n").getJsonObject(1).getJsonArray("deep").getBoolean(0)).isTrue();
    }

    @Test
    void aBodyThatIsNoObjectIsRefusedNamingTheBody() {
        assertRefused(null, 400, "body: a JSON object is required");
        assertRefused("  ", 400, "body: a JSON object is required");
        assertRefused("[1]", 400, "body: expected a JSON object, got array");
        assertRefused("{\"pbx\": ", 400, "body: malformed JSON: ");
        assertRefused("{} {}", 400, "body: malformed JSON: ");
    }

    @Test
    void identifiersFromQueryParametersBecomeValueObjectsOrA400NamingTheParameter() {
        assertThat(JsonBodies.optionalId("carrier", null, CarrierId::new)).isNull();
        assertThat(JsonBodies.optionalId("carrier", " ", CarrierId::new)).isNull();
        assertThat(JsonBodies.optionalId("carrier", " carrier-a ", CarrierId::new)).isEqualTo(new CarrierId("carrier-a"));
        ApiException refused = catchThrowableOfType(() -> JsonBodies.optionalId("carrier", "Carrier A", CarrierId::new),
                ApiException.class);
        assertThat(refused.status().getStatusCode()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("carrier");
        assertThat(refused.getMessage()).contains("'Carrier A' is not a carrier id");
    }

    @Test
    void nestingIsRefusedPastSixtyFourLevelsWithoutOverflowingTheStack() {
        assertThat(JsonBodies.object("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}")).containsKey("a");
        assertRefused("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}", 400,
                "body: nesting deeper than the limit of 64 levels at character 70");
        assertRefused("[".repeat(100_000), 400, "body: nesting deeper than the limit of 64 levels");
        assertRefused("{\"a\":".repeat(100_000), 400, "body: nesting deeper than the limit of 64 levels");
    }

    @Test
    void aBodyOverTheSizeLimitIs413NamingTheLimit() {
        String big = "{\"a\":\"" + "x".repeat(BoundedJsonReader.MAX_CHARS) + "\"}";
        ApiException e = assertRefused(big, 413, "body: a JSON body of 1048584 characters is over the limit of 1048576");
        assertThat(e.error()).isEqualTo("payload_too_large");
    }

    @Test
    void numbersAreBoundedInLengthAndExponent() {
        assertThat(JsonBodies.object("{\"n\":" + "9".repeat(1000) + "}")).containsKey("n");
        assertRefused("{\"n\":" + "9".repeat(1001) + "}", 400, "body: a number longer than the limit of 1000 characters");
        assertRefused("{\"n\":1e999999999}", 400, "body: a number whose exponent is beyond the limit of ±1000");
    }

    @Test
    void membersOfTheWrongTypeOrOutOfRangeNameTheirField() {
        JsonObject o = JsonBodies.object("{\"s\":1,\"n\":\"x\",\"big\":18446744073709551617,\"half\":1.5,\"b\":\"yes\"}");
        assertThat(field(() -> JsonBodies.string(o, "s"))).isEqualTo("s: must be a string");
        assertThat(field(() -> JsonBodies.string(o, "missing"))).isEqualTo("missing: is required");
        assertThat(field(() -> JsonBodies.optionalNumber(o, "n"))).isEqualTo("n: must be a number");
        assertThat(field(() -> JsonBodies.integer(o, "big", 0, 10))).as("2^64 + 1 does not wrap round to 1")
                .isEqualTo("big: must be between 0 and 10");
        assertThat(field(() -> JsonBodies.integer(o, "half", 0, 10))).isEqualTo("half: must be a whole number");
        assertThat(field(() -> JsonBodies.bool(o, "b"))).isEqualTo("b: must be true or false");
        assertThat(field(() -> JsonBodies.strings(o, "s"))).isEqualTo("s: must be an array of strings");
        assertThat(field(() -> JsonBodies.valueOf("at", () -> java.time.Instant.parse("yesterday"))))
                .startsWith("at: Text 'yesterday' could not be parsed");
    }

    @Test
    void writesPlainValues() {
        assertThat(JsonBodies.value(Map.of("l", List.of(1, 2.5, true, "s"))).toString())
                .isEqualTo("{\"l\":[1,2.5,true,\"s\"]}");
    }

    private static ApiException assertRefused(String body, int status, String messageStart) {
        ApiException e = catchThrowableOfType(() -> JsonBodies.object(body), ApiException.class);
        assertThat(e).as("refused: " + (body == null ? null : body.substring(0, Math.min(40, body.length())))).isNotNull();
        assertThat(e.status().getStatusCode()).isEqualTo(status);
        assertThat(e.field()).isEqualTo("body");
        assertThat(e.getMessage()).startsWith(messageStart);
        return e;
    }

    private static String field(Runnable read) {
        ApiException e = catchThrowableOfType(read::run, ApiException.class);
        assertThat(e.status().getStatusCode()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith(e.field() + ": ");
        return e.getMessage();
    }
}
