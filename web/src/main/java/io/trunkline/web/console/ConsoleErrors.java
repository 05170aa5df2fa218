package io.trunkline.web.console;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** A console page saying what went wrong in words: never a stack trace, a query or a secret. */
final class ConsoleErrors {

    private ConsoleErrors() {
    }

    static void send(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setStatus(status);
        Map<String, Object> model = new HashMap<>(ConsoleModel.common(request));
        model.put("status", status);
        model.put("message", message);
        ConsoleTemplates.of(request.getServletContext()).render(request, response, "error", model);
    }
}
