package io.trunkline.web.support;

import javax.ws.rs.core.Response;

/** An error the API answers with a JSON body: status, error code, message and the field concerned. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final Response.StatusType status;
    private final String error;
    private final String field;

    public ApiException(Response.StatusType status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "invalid_request", field, field + ": " + message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, "not_found", null, message);
    }

    public Response.StatusType status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
