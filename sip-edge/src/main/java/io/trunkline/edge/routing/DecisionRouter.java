package io.trunkline.edge.routing;

import io.trunkline.contract.routing.RouteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platform first; when it cannot answer in time, the fallback. Every decision says which decided. */
public final class DecisionRouter implements RoutingPort {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionRouter.class);

    private final PlatformRoutingClient platform;
    private final FallbackRouting fallback;

    public DecisionRouter(PlatformRoutingClient platform, FallbackRouting fallback) {
        this.platform = platform;
        this.fallback = fallback;
    }

    @Override
    public Decided decide(RouteRequest request) {
        return decide(request, null);
    }

    @Override
    public Decided decide(RouteRequest request, java.time.Duration budget) {
        try {
            return new Decided(budget == null ? platform.decide(request) : platform.decide(request, budget),
                    Source.PLATFORM);
        } catch (PlatformUnavailable e) {
            LOG.warn("call {}: {}; fallback decides", request.callId(), e.getMessage());
            return fallback.decide(request, e.getMessage());
        }
    }
}
