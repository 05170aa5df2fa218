package io.trunkline.contract.testcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.contract.routing.RouteRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestCallCodecTest {

    /** The fields of a valid request, to change one at a time. */
    private static Map<String, String> valid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", "\"drill-7:carrier-a.1\"");
        m.put("direction", "\"OUTBOUND\"");
        m.put("source", "\"hq-cucm\"");
        m.put("calling", "\"2001\"");
        m.put("called", "\"9011442071234567\"");
        m.put("down", "[\"carrier-a\"]");
        m.put("holdMs", "500");
        m.put("timeoutMs", "20000");
        return m;
    }

    private static String json(Map<String, String> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return s.append('}').toString();
    }

    private static String with(String field, String value) {
        Map<String, String> m = valid();
        if (value == null) {
            m.remove(field);
        } else {
            m.put(field, value);
        }
        return json(m);
    }

    private static String refusedField(String json) {
        return catchThrowableOfType(() -> TestCallCodec.readRequest(json), InvalidTestCallException.class).field();
    }

    @Test
    void aValidRequestIsReadAndRoundTrips() {
        TestCallRequest r = TestCallCodec.readRequest(json(valid()));
        assertThat(r).isEqualTo(new TestCallRequest("drill-7:carrier-a.1", RouteRequest.Direction.OUTBOUND, "hq-cucm",
                "2001", "9011442071234567", Set.of("carrier-a"), 500, 20_000));
        assertThat(TestCallCodec.readRequest(TestCallCodec.write(r))).isEqualTo(r);
    }

    @Test
    void holdTimeoutAndDownHaveDefaults() {
        Map<String, String> m = valid();
        m.remove("down");
        m.remove("holdMs");
        m.remove("timeoutMs");
        TestCallRequest r = TestCallCodec.readRequest(json(m));
        assertThat(r.down()).isEmpty();
        assertThat(r.holdMs()).isEqualTo(1000);
        assertThat(r.timeoutMs()).isEqualTo(30_000);
        assertThat(TestCallCodec.readRequest(with("down", "null")).down()).isEmpty();
        assertThat(TestCallCodec.readRequest(with("direction", "\"INBOUND\"")).direction())
                .isEqualTo(RouteRequest.Direction.INBOUND);
        assertThat(TestCallCodec.readRequest(with("holdMs", "0")).holdMs()).as("hang up at once").isZero();
    }

    @Test
    void eachInvalidFieldIsRefusedByName() {
        assertThat(refusedField(with("id", null))).isEqualTo("id");
        assertThat(refusedField(with("id", "\"\""))).isEqualTo("id");
        assertThat(refusedField(with("id", "\"" + "x".repeat(65) + "\""))).isEqualTo("id");
        assertThat(refusedField(with("id", "\"a b\""))).isEqualTo("id");
        assertThat(refusedField(with("id", "7"))).isEqualTo("id");
        assertThat(refusedField(with("direction", null))).isEqualTo("direction");
        assertThat(refusedField(with("direction", "\"SIDEWAYS\""))).isEqualTo("direction");
        assertThat(refusedField(with("source", "\"HQ CUCM\""))).isEqualTo("source");
        assertThat(refusedField(with("source", null))).isEqualTo("source");
        assertThat(refusedField(with("calling", "\"20<01>\""))).isEqualTo("calling");
        assertThat(refusedField(with("called", "\"\""))).isEqualTo("called");
        assertThat(refusedField(with("called", "\"1@evil.example\""))).as("no URI injection").isEqualTo("called");
        assertThat(refusedField(with("down", "\"carrier-a\""))).isEqualTo("down");
        assertThat(refusedField(with("down", "[1]"))).isEqualTo("down");
        assertThat(refusedField(with("down", "[\"a b\"]"))).isEqualTo("down");
        assertThat(refusedField(with("holdMs", "-1"))).isEqualTo("holdMs");
        assertThat(refusedField(with("holdMs", "60001"))).isEqualTo("holdMs");
        assertThat(refusedField(with("holdMs", "1.5"))).isEqualTo("holdMs");
        assertThat(refusedField(with("holdMs", "\"500\""))).isEqualTo("holdMs");
        assertThat(refusedField(with("timeoutMs", "999"))).isEqualTo("timeoutMs");
        assertThat(refusedField(with("timeoutMs", "120001"))).isEqualTo("timeoutMs");
        assertThat(refusedField(with("timeoutMs", "99999999999"))).isEqualTo("timeoutMs");
        assertThat(refusedField(with("holdms", "500"))).as("a misspelt field is no silent default").isEqualTo("holdms");
    }

    @Test
    void textThatIsNoJsonObjectIsRefusedAsTheBody() {
        assertThat(refusedField("{\"id\":")).isEqualTo("body");
        assertThat(refusedField("[]")).isEqualTo("body");
        assertThat(refusedField("")).isEqualTo("body");
        assertThatThrownBy(() -> TestCallCodec.readRequest("{\"id\":")).hasMessageStartingWith("body: JSON:");
    }

    @Test
    void resultsRoundTripWithTheirAttempts() {
        TestCallResult answered = new TestCallResult("drill-7", "a84b4c76e66710@127.0.0.1",
                TestCallResult.Outcome.ANSWERED, 200, "carrier-b", 412L,
                List.of(new TestCallResult.Attempt("carrier-a", null, true, "down for test call"),
                        new TestCallResult.Attempt("carrier-b", 200, false, null)), "answered by carrier-b");
        assertThat(TestCallCodec.readResult(TestCallCodec.write(answered))).isEqualTo(answered);
        assertThat(TestCallCodec.write(answered)).contains("\"setupMs\":412", "\"skipped\":true");
        TestCallResult failed = new TestCallResult("drill-8", "x@127.0.0.1", TestCallResult.Outcome.TIMEOUT, 408, null,
                null, List.of(new TestCallResult.Attempt("carrier-b", null, false, "no answer")), "no answer in 2000 ms");
        assertThat(TestCallCodec.readResult(TestCallCodec.write(failed))).isEqualTo(failed);
        assertThatThrownBy(() -> TestCallCodec.readResult("{\"outcome\":\"MAYBE\"}"))
                .isInstanceOf(InvalidTestCallException.class).hasMessageStartingWith("outcome:");
    }
}
