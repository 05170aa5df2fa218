package io.trunkline.ejb.security.application;

import io.trunkline.contract.edge.SourceBan;
import io.trunkline.contract.json.Json;
import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.security.api.SourceBans;
import io.trunkline.ejb.security.domain.BanStore;
import io.trunkline.ejb.security.domain.SecurityAudit;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and lifts the edge's bans in the cluster and keeps the audit trail. A SECURITY event is taken in the
 * transaction of the batch that delivers it (the edge event ingestion), so its audit row commits with the event
 * and a batch delivered twice is audited once.
 */
@Stateless
public class SourceBanService implements SourceBans {

    private static final Logger LOG = LoggerFactory.getLogger(SourceBanService.class);
    /** Alert title of a configured peer over its request limit. */
    static final String PEER_OVER_LIMIT = "PBX or carrier over its SIP request limit";

    @Inject
    private BanStore bans;
    @Inject
    private SecurityAudit audit;
    @EJB
    private EventAlerts alerts;
    private Clock clock = Clock.systemUTC();

    public SourceBanService() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    SourceBanService(BanStore bans, SecurityAudit audit, EventAlerts alerts, Clock clock) {
        this.bans = bans;
        this.audit = audit;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Ban> list() {
        List<Ban> out = new ArrayList<>();
        for (Map.Entry<String, String> e : cluster(bans::all).entrySet()) {
            try {
                out.add(ban(SourceBan.fromJson(e.getValue())));
            } catch (IllegalArgumentException bad) {
                LOG.warn("ban of {} in the edge cluster is unreadable: {}", e.getKey(), bad.getMessage());
            }
        }
        out.sort(Comparator.comparing(Ban::bannedAt).reversed());
        return out;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<Ban> lift(String source, String actor, String reason) {
        Optional<String> removed = cluster(() -> bans.remove(source));
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        write(actor, SecurityAudit.LIFT, source, reason, removed.get());
        LOG.info("ban of {} lifted by {}: {}", source, actor, reason);
        try {
            return Optional.of(ban(SourceBan.fromJson(removed.get())));
        } catch (IllegalArgumentException bad) {
            return Optional.of(new Ban(source, null, null, null, null, null));
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void reported(String node, String body) {
        Map<String, Object> event;
        try {
            event = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return; // kept by the ingestion as it came; nothing to audit
        }
        Object kind = event.get("kind");
        if (SourceBan.BAN_EVENT.equals(kind)) {
            try {
                SourceBan ban = SourceBan.fromJson(body);
                write(ban.node(), SecurityAudit.BAN, ban.source(), ban.reason(), body);
            } catch (IllegalArgumentException e) {
                LOG.warn("ban reported by {} is unreadable, not audited: {}", node, e.getMessage());
            }
        } else if (SourceBan.PEER_OVER_LIMIT_EVENT.equals(kind) && event.get("peer") instanceof String peer) {
            alerts.raise(new EventAlerts.EventAlert(EventAlerts.SECURITY, "peer", peer, PEER_OVER_LIMIT, "WARNING",
                    peer + " (" + event.get("source") + ") sent " + event.get("count") + " requests in "
                            + event.get("windowMs") + " ms at " + node + ", over its limit of " + event.get("limit")
                            + "; its new requests are answered 503 with Retry-After, it is not banned", null));
        }
    }

    private void write(String actor, String action, String subject, String reason, String details) {
        try {
            audit.record(clock.instant(), actor, action, subject, reason, details);
        } catch (SQLException e) {
            throw new EJBException("security audit not written: " + e.getMessage(), e);
        }
    }

    private static <T> T cluster(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw new EdgeClusterUnavailable(e.getMessage());
        } catch (RuntimeException e) {
            throw new EdgeClusterUnavailable("the edge cluster did not answer: " + e);
        }
    }

    private static Ban ban(SourceBan b) {
        return new Ban(b.source(), b.reason(), b.rule(), b.node(), b.bannedAt(), b.until());
    }
}
