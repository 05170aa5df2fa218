package io.trunkline.web.metrics;

import io.trunkline.ejb.metrics.api.Metrics;
import io.trunkline.web.support.ErrorResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.ejb.EJB;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: the last complete 5-minute window of every carrier, trunk, PBX and destination class in
 * the Prometheus text exposition format (version 0.0.4), outside the API's security constraint as scrapers expect.
 * When a scrape account is configured ({@link ScrapeAccount}) a request without a login is answered 401 with a
 * {@code WWW-Authenticate: Basic} challenge (RFC 7617 §2) and another account 403, both with the API's JSON error
 * body; a wrong password is the container's own 401, given the same body by the error page.
 */
@WebServlet("/metrics")
public class PrometheusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient Metrics metrics;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ScrapeAccount.Verdict verdict = ScrapeAccount.check(System.getProperty(ScrapeAccount.PROPERTY), req.getRemoteUser());
        if (verdict != ScrapeAccount.Verdict.ALLOWED) {
            boolean anonymous = verdict == ScrapeAccount.Verdict.UNAUTHENTICATED;
            int status = anonymous ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN;
            if (anonymous) {
                resp.setHeader("WWW-Authenticate", "Basic realm=\"Trunkline\"");
            }
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
            resp.getWriter().write(ErrorResponses.json(status, anonymous ? "unauthorized" : "forbidden", anonymous
                    ? "authentication required: log in with HTTP Basic as the account configured to scrape metrics"
                    : "forbidden: only the account configured to scrape metrics may read them", null));
            return;
        }
        byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
