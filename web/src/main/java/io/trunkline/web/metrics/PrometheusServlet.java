package io.trunkline.web.metrics;

import io.trunkline.ejb.metrics.api.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.ejb.EJB;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: the last complete 5-minute window of every carrier, trunk, PBX and destination class in
 * the Prometheus text exposition format (version 0.0.4), outside the API's authentication as scrapers expect.
 */
@WebServlet("/metrics")
public class PrometheusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient Metrics metrics;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
