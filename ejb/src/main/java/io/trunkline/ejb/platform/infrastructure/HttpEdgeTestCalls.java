package io.trunkline.ejb.platform.infrastructure;

import io.trunkline.camel.support.BlockingHttp;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.ejb.platform.api.EdgeTestCalls;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge nodes' test-call endpoints over HTTP, with the shared bearer token: system properties
 * {@value #URLS} (comma-separated base URLs, tried in order) and {@value #TOKEN}. A node that cannot be reached or
 * answers 503 (busy) passes the call to the next; any other refusal is the request's fault and ends the attempt.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HttpEdgeTestCalls implements EdgeTestCalls {

    static final String URLS = "trunkline.edge.testcalls.urls";
    static final String TOKEN = "trunkline.edge.testcalls.token";
    private static final Logger LOG = LoggerFactory.getLogger(HttpEdgeTestCalls.class);
    /** Beyond the call's own limit: the node's hang-up and answer. */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    @Override
    public TestCallResult place(TestCallRequest request) {
        List<String> urls = urls(System.getProperty(URLS));
        String token = System.getProperty(TOKEN);
        if (urls.isEmpty() || token == null || token.isBlank()) {
            throw new Unavailable("no edge node for test calls: set " + URLS + " and " + TOKEN);
        }
        List<String> refusals = new ArrayList<>();
        for (String base : urls) {
            try {
                Duration limit = Duration.ofMillis(request.timeoutMs()).plus(request.holdMs() > 0
                        ? Duration.ofMillis(request.holdMs()) : Duration.ZERO).plus(MARGIN);
                BlockingHttp.Reply r = BlockingHttp.exchange(URI.create(base.replaceAll("/+$", "") + "/v1/test-calls"),
                        "POST", Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                        TestCallCodec.write(request).getBytes(StandardCharsets.UTF_8),
                        new BlockingHttp.Options(Duration.ofSeconds(3), limit, false, 1 << 20));
                if (r.status() == 200) {
                    return TestCallCodec.readResult(r.text());
                }
                refusals.add(base + ": HTTP " + r.status() + " " + r.text());
                if (r.status() != 503) {
                    break;
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("test call {} not placed on {}: {}", request.id(), base, e.toString());
                refusals.add(base + ": " + e);
            }
        }
        throw new Unavailable("test call " + request.id() + " not placed: " + String.join("; ", refusals));
    }

    static List<String> urls(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv == null ? new String[0] : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
