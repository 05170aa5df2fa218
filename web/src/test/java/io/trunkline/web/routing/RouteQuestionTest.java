package io.trunkline.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.routing.RoutingCodec;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.web.support.JsonBodies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.json.JsonObject;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** The edge's question answered outside the JAX-RS runtime: the same answers, and the API's errors. */
class RouteQuestionTest {

    private static final String CALL = "{\"callId\":\"c-1\",\"source\":\"hq\",\"calling\":\"2001\",\"called\":\"2002\"}";

    private final List<RouteRequest> asked = new ArrayList<>();
    private String query;
    private final RouteQuestion question = new RouteQuestion(decisions(), 1_000);

    @Test
    void aDecisionIsAnsweredInTheWireCodec() throws Exception {
        Answer a = answer("POST", Set.of("edge"), "application/json; charset=UTF-8", CALL);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.contentType).isEqualTo("application/json");
        assertThat(a.encoding).isEqualTo("UTF-8");
        RouteDecision d = RoutingCodec.readDecision(a.body);
        assertThat(d.callId()).isEqualTo("c-1");
        assertThat(d.called()).isEqualTo("2002");
        assertThat(asked).extracting(RouteRequest::source).containsExactly("hq");
    }

    @Test
    void theEdgesQuestionLeavesTheTraceOut() throws Exception {
        Answer full = answer("POST", Set.of("edge"), "application/json", CALL);
        assertThat(full.body).contains("\"trace\":[\"test\"]");
        query = "trace=false";
        Answer lean = answer("POST", Set.of("edge"), "application/json", CALL);
        assertThat(lean.status).isEqualTo(200);
        assertThat(lean.body).doesNotContain("\"trace\"");
        RouteDecision d = RoutingCodec.readDecision(lean.body);
        assertThat(d.callId()).isEqualTo("c-1");
        assertThat(d.trace()).isEmpty();
        query = "x=1&trace=true";
        assertThat(answer("POST", Set.of("edge"), "application/json", CALL).body).contains("\"trace\"");
        query = "trace=no";
        assertError(answer("POST", Set.of("edge"), "application/json", CALL), 400, "invalid_request", "trace");
        assertThat(asked).as("a bad query decides nothing").hasSize(3);
    }

    @Test
    void aBodyThatIsNotACallIsRefused400NamingTheField() throws Exception {
        assertError(answer("POST", Set.of("edge"), "application/json", "{\"callId\": "), 400, "invalid_request", "body");
        assertError(answer("POST", Set.of("ops"), null, "{\"callId\":\"bad\",\"source\":\"hq\",\"called\":\"2\"}"),
                400, "invalid_request", "called");
        assertThat(asked).extracting(RouteRequest::callId).containsExactly("bad");
    }

    @Test
    void theApisRefusalsAreKept() throws Exception {
        assertError(answer("POST", Set.of("compliance"), "application/json", CALL), 403, "forbidden", null);
        assertError(answer("POST", Set.of("edge"), "text/plain", CALL), 415, "unsupported_media_type", null);
        Answer get = answer("GET", Set.of("edge"), null, "");
        assertError(get, 405, "method_not_allowed", null);
        assertThat(get.headers).containsEntry("Allow", "POST");
        assertError(answer("POST", Set.of("edge"), "application/json", CALL + " ".repeat(1_000)), 413,
                "payload_too_large", "body");
        assertThat(asked).as("nothing refused reaches the decision").isEmpty();
    }

    @Test
    void contentTypesReadAsJson() {
        assertThat(RouteQuestion.json(null)).isTrue();
        assertThat(RouteQuestion.json("Application/JSON;charset=utf-8")).isTrue();
        assertThat(RouteQuestion.json("*/*")).isTrue();
        assertThat(RouteQuestion.json("application/jsonx")).isFalse();
        assertThat(RouteQuestion.json("text/csv")).isFalse();
    }

    private static void assertError(Answer a, int status, String error, String field) {
        assertThat(a.status).as(a.body).isEqualTo(status);
        assertThat(a.contentType).isEqualTo("application/json");
        JsonObject o = JsonBodies.object(a.body);
        assertThat(o.getString("error")).isEqualTo(error);
        assertThat(o.getInt("status")).isEqualTo(status);
        assertThat(o.containsKey("field") ? o.getString("field") : null).isEqualTo(field);
    }

    private RouteDecisions decisions() {
        return (RouteDecisions) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RouteDecisions.class},
                (p, m, args) -> {
                    if (!m.getName().equals("decide")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    RouteRequest r = (RouteRequest) args[0];
                    asked.add(r);
                    if (r.callId().equals("bad")) {
                        throw new InvalidRouteRequest("called", "expected 1-32 keypad characters");
                    }
                    return new RouteDecision(r.callId(), RouteDecision.Verdict.ROUTE, null, null, "NATIONAL",
                            r.called(), r.calling(), List.of(), List.of(503), 2_000, Map.of("routing", "routing@1"),
                            List.of("test"), Instant.parse("2026-12-05T12:00:00Z"));
                });
    }

    private Answer answer(String method, Set<String> roles, String contentType, String body) throws Exception {
        byte[] in = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream bytes = new ByteArrayInputStream(in);
        ServletInputStream input = new ServletInputStream() {
            @Override public boolean isFinished() { return bytes.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener l) { throw new UnsupportedOperationException(); }
            @Override public int read() { return bytes.read(); }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "isUserInRole" -> roles.contains((String) args[0]);
                    case "getContentType" -> contentType;
                    case "getQueryString" -> query;
                    case "getProtocol" -> "HTTP/1.1";
                    case "getContentLengthLong" -> (long) in.length;
                    case "getInputStream" -> input;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Answer a = new Answer();
        java.io.PrintWriter writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(a.out, StandardCharsets.UTF_8), true);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> a.status = (Integer) args[0];
                        case "setContentType" -> a.contentType = (String) args[0];
                        case "setCharacterEncoding" -> a.encoding = (String) args[0];
                        case "setHeader" -> a.headers.put((String) args[0], (String) args[1]);
                        case "resetBuffer" -> a.out.reset();
                        case "isCommitted" -> {
                            return false;
                        }
                        case "getWriter" -> {
                            return writer;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
        question.answer(request, response, roles::contains);
        writer.flush();
        a.body = a.out.toString(StandardCharsets.UTF_8);
        return a;
    }

    private static final class Answer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Map<String, String> headers = new HashMap<>();
        int status;
        String contentType;
        String encoding;
        String body;
    }
}
