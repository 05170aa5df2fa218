package io.trunkline.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.MasterDataException;
import io.trunkline.ejb.workflow.api.DocumentTooLarge;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.undertow.server.RequestTooBigException;
import java.io.StringReader;
import javax.ejb.EJBAccessException;
import javax.ejb.EJBException;
import javax.json.Json;
import javax.json.JsonObject;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void anApiExceptionAnswersForItself() {
        ErrorResponses.Failure f = ErrorResponses.classify(ApiException.badRequest("called", "must be digits"));
        assertThat(f).isEqualTo(new ErrorResponses.Failure(Response.Status.BAD_REQUEST, "invalid_request",
                "called: must be digits", "called"));
    }

    @Test
    void aRefusedWorkflowInputNamesItsField() {
        ErrorResponses.Failure f = ErrorResponses.classify(new EJBException(
                new InvalidWorkflowInput("data.failoverSeconds", "must be a whole number")));
        assertThat(f).isEqualTo(new ErrorResponses.Failure(Response.Status.BAD_REQUEST, "invalid_request",
                "data.failoverSeconds: must be a whole number", "data.failoverSeconds"));
    }

    @Test
    void aWorkflowConflictIs409AndNotFoundIs404() {
        ErrorResponses.Failure f = ErrorResponses.classify(new WorkflowConflict("task_claimed", "task 5 is claimed by adam"));
        assertThat(f).isEqualTo(new ErrorResponses.Failure(Response.Status.CONFLICT, "conflict",
                "task_claimed: task 5 is claimed by adam", null));
        assertThat(ErrorResponses.classify(new WorkflowNotFound("no task 5")).status().getStatusCode()).isEqualTo(404);
    }

    @Test
    void theSizeLimitIsFoundUnderTheBodyReadersWrapping() {
        RuntimeException wrapped = new RuntimeException("reader failed",
                RequestBodyLimit.tooLarge("", 8));
        ErrorResponses.Failure f = ErrorResponses.classify(wrapped);
        assertThat(f.status().getStatusCode()).isEqualTo(413);
        assertThat(f.message()).isEqualTo("body: the request body is over the limit of 8 bytes");
    }

    @Test
    void aDocumentOverItsLimitIs413NamingTheLimit() {
        ErrorResponses.Failure f = ErrorResponses.classify(new EJBException(new DocumentTooLarge(10_485_760)));
        assertThat(f).isEqualTo(new ErrorResponses.Failure(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                "content: the document is over the limit of 10485760 bytes", null));
    }

    @Test
    void undertowsOwnCapIs413NotA500() {
        ErrorResponses.Failure f = ErrorResponses.classify(new RuntimeException(
                new RequestTooBigException("UT000020: Connection terminated as request was larger than 10485760")));
        assertThat(f.status().getStatusCode()).isEqualTo(413);
        assertThat(f.error()).isEqualTo("payload_too_large");
        assertThat(f.message()).contains("larger than 10485760");
    }

    @Test
    void ejbWrappersAreOpenedToAnswerForTheirCause() {
        assertThat(ErrorResponses.classify(new EJBException(new InvalidRouteRequest("calling", "not E.164"))))
                .isEqualTo(new ErrorResponses.Failure(Response.Status.BAD_REQUEST, "invalid_request", "calling: not E.164", "calling"));
        assertThat(ErrorResponses.classify(new EJBException(new MasterDataException("zone", "unknown"))).field()).isEqualTo("zone");
        assertThat(ErrorResponses.classify(new EJBException(new IllegalArgumentException("bad"))).status().getStatusCode()).isEqualTo(400);
        assertThat(ErrorResponses.classify(new EJBAccessException("no role")).error()).isEqualTo("forbidden");
        assertThat(ErrorResponses.classify(new SecurityException("no")).status().getStatusCode()).isEqualTo(403);
    }

    @Test
    void anythingElseIsA500ThatLeaksNothing() {
        ErrorResponses.Failure f = ErrorResponses.classify(new NullPointerException("secret internals"));
        assertThat(f.status().getStatusCode()).isEqualTo(500);
        assertThat(f.message()).doesNotContain("secret").contains("server log");
        assertThat(ErrorResponses.classify(new StackOverflowError()).error()).isEqualTo("internal_error");
    }

    @Test
    void statusesTheRuntimeDecidesGetTheirOwnCodes() {
        assertThat(ErrorResponses.code(Response.Status.UNAUTHORIZED)).isEqualTo("unauthorized");
        assertThat(ErrorResponses.code(Response.Status.FORBIDDEN)).isEqualTo("forbidden");
        assertThat(ErrorResponses.code(Response.Status.NOT_FOUND)).isEqualTo("not_found");
        assertThat(ErrorResponses.code(Response.Status.REQUEST_ENTITY_TOO_LARGE)).isEqualTo("payload_too_large");
        assertThat(ErrorResponses.code(Response.Status.CONFLICT)).isEqualTo("client_error");
        assertThat(ErrorResponses.code(Response.Status.BAD_GATEWAY)).isEqualTo("server_error");
    }

    @Test
    void theBodyHasErrorMessageFieldAndStatus() {
        JsonObject withField = read(ErrorResponses.json(400, "invalid_request", "called: \"x\" is bad", "called"));
        assertThat(withField.keySet()).containsExactly("error", "message", "field", "status");
        assertThat(withField.getString("message")).isEqualTo("called: \"x\" is bad");
        assertThat(withField.getInt("status")).isEqualTo(400);
        assertThat(read(ErrorResponses.json(500, "internal_error", "m", null)).keySet()).containsExactly("error", "message", "status");
    }

    @Test
    void theContainersOwnRefusalsGetTheSameBody() {
        JsonObject unauthorized = read(ErrorResponses.containerBody(401));
        assertThat(unauthorized.getString("error")).isEqualTo("unauthorized");
        assertThat(unauthorized.getInt("status")).isEqualTo(401);
        assertThat(unauthorized.getString("message")).contains("HTTP Basic");
        JsonObject forbidden = read(ErrorResponses.containerBody(403));
        assertThat(forbidden.getString("error")).isEqualTo("forbidden");
        assertThat(forbidden.getInt("status")).isEqualTo(403);
        assertThat(read(ErrorResponses.containerBody(413)).getString("error")).isEqualTo("payload_too_large");
    }

    static JsonObject read(String json) {
        try (javax.json.JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
