package io.trunkline.ejb.platform.infrastructure;

import io.trunkline.camel.billing.RateDeckPort;
import io.trunkline.camel.billing.InvoicePort;
import io.trunkline.camel.billing.InvoiceRoutes;
import io.trunkline.camel.billing.RateDeckRoutes;
import io.trunkline.camel.cdr.CdrFileReader;
import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.CdrPushRoute;
import io.trunkline.camel.cdr.CdrRoutes;
import io.trunkline.camel.cdr.CdrSource;
import io.trunkline.camel.cdr.CdrSources;
import io.trunkline.camel.edge.EdgeEventPort;
import io.trunkline.camel.feeds.StatusFeedPort;
import io.trunkline.camel.feeds.StatusFeedRoutes;
import io.trunkline.camel.feeds.StatusFeedSource;
import io.trunkline.camel.edge.EdgeEventRoutes;
import io.trunkline.camel.edge.EdgeEventSubscriber;
import io.trunkline.camel.edge.EdgeEventsComponent;
import io.trunkline.camel.edge.EdgeEventsConsumer;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.Pbx;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the platform's CamelContext with one route builder per source, after the schema is migrated.
 * Inboxes default to folders under the server's data directory and can be moved with system properties
 * ({@code trunkline.inbox.ratedecks}); the edge nodes' events are taken over SIP at {@code trunkline.events.sip}
 * (host:port, TCP and UDP). CDR sources are read from the file named by {@code trunkline.cdr.sources} (default
 * {@code trunkline-cdr-sources.properties} in the server's configuration directory; see {@link CdrSources});
 * a file that cannot be read leaves the CDR routes out and says why in the health report.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "EdgeClusterClient", "RoutingDataHolder"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CamelBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(CamelBootstrap.class);
    /** Where the platform takes the edge nodes' event NOTIFYs unless {@code trunkline.events.sip} says otherwise. */
    static final String DEFAULT_EVENTS_SIP = "127.0.0.1:5090";

    @EJB
    private RateDeckPort rateDecks;
    @EJB
    private EdgeEventPort edgeEvents;
    @EJB
    private EdgeClusterClient edgeCluster;
    @EJB
    private CdrPort cdrs;
    @EJB
    private StatusFeedPort statusFeeds;
    @EJB
    private InvoicePort invoices;
    @EJB
    private RoutingDataHolder routing;

    private CamelContext camel;
    /** One for every pushed batch: a template holds a producer cache and must be stopped when done with. */
    private ProducerTemplate pushes;
    private final Map<String, String> inboxes = new LinkedHashMap<>();
    private final Map<String, CdrSource> cdrSources = new LinkedHashMap<>();
    private final List<StatusFeedSource> feeds = new java.util.ArrayList<>();
    private String cdrSourcesFile;
    private String cdrSourcesProblem;

    @PostConstruct
    void start() {
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        inboxes.put(RateDeckRoutes.INBOX_PROPERTY, System.getProperty(RateDeckRoutes.INBOX_PROPERTY,
                Path.of(dataDir, "trunkline", "inbox", "ratedecks").toString()));
        inboxes.put(InvoiceRoutes.INBOX_PROPERTY, System.getProperty(InvoiceRoutes.INBOX_PROPERTY,
                Path.of(dataDir, "trunkline", "inbox", "invoices").toString()));
        Properties properties = new Properties();
        try {
            for (Map.Entry<String, String> inbox : inboxes.entrySet()) {
                Files.createDirectories(Path.of(inbox.getValue()));
                properties.setProperty(inbox.getKey(), inbox.getValue());
            }
            DefaultCamelContext context = new DefaultCamelContext();
            context.setName("trunkline");
            camel = context;
            camel.setApplicationContextClassLoader(CamelBootstrap.class.getClassLoader());
            properties.setProperty(EdgeEventRoutes.LISTEN_PROPERTY,
                    System.getProperty(EdgeEventRoutes.LISTEN_PROPERTY, DEFAULT_EVENTS_SIP));
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.addComponent(EdgeEventsComponent.SCHEME, new EdgeEventsComponent(this::edgeNodes));
            camel.addRoutes(new RateDeckRoutes(rateDecks));
            camel.addRoutes(new InvoiceRoutes(invoices));
            camel.addRoutes(new EdgeEventRoutes(edgeEvents));
            loadCdrSources(Path.of(dataDir, "trunkline", "inbox", "cdr"));
            CdrFileReader reader = new CdrFileReader(cdrs, CdrFileReader.DEFAULT_CHUNK);
            for (CdrSource source : cdrSources.values()) {
                Files.createDirectories(Path.of(source.inbox()));
                inboxes.put("cdr." + source.id(), source.inbox());
            }
            camel.addRoutes(new CdrRoutes(List.copyOf(cdrSources.values()), reader));
            camel.addRoutes(new CdrPushRoute(cdrSources, reader));
            camel.addRoutes(new StatusFeedRoutes(feeds, statusFeeds));
            camel.start();
            pushes = camel.createProducerTemplate();
            LOG.info("Camel started with routes {}; inboxes {}", camel.getRoutes().stream().map(Route::getId).toList(), inboxes);
        } catch (Exception e) {
            throw new IllegalStateException("Camel routes could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the sources file(s): {@code trunkline.cdr.sources} names one or more files, comma-separated, read in
     * order (a later file adds sources or overrides keys); CDR sources ({@code cdr.source.*}) and carriers' status
     * feeds ({@code feed.status.*}).
     */
    private void loadCdrSources(Path inboxRoot) {
        String configDir = System.getProperty("jboss.server.config.dir", ".");
        String names = System.getProperty("trunkline.cdr.sources",
                Path.of(configDir, "trunkline-cdr-sources.properties").toString());
        cdrSourcesFile = names;
        Properties p = new Properties();
        try {
            for (String name : names.split(",")) {
                Path file = Path.of(name.trim());
                if (!Files.exists(file)) {
                    LOG.info("no CDR sources from {}: it does not exist", file);
                    continue;
                }
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
            }
            for (CdrSource s : CdrSources.from(p, inboxRoot,
                    pbx -> routing.current().pbx(pbx).map(Pbx::zone).orElse(null))) {
                cdrSources.put(s.id(), s);
            }
            feeds.addAll(StatusFeedSource.from(p));
            LOG.info("CDR sources from {}: {}; status feeds of {}", names, cdrSources.keySet(),
                    feeds.stream().map(StatusFeedSource::carrier).toList());
        } catch (IOException | IllegalArgumentException e) {
            cdrSources.clear();
            feeds.clear();
            cdrSourcesProblem = names + ": " + e.getMessage();
            LOG.error("CDR sources and status feeds not started: {}", cdrSourcesProblem);
        }
    }

    /**
     * Takes a pushed batch of records in its source's format through the push route.
     *
     * @throws IllegalArgumentException when no such source is configured
     * @throws io.trunkline.camel.billing.UnreadableFileException when the batch cannot be read
     */
    public CdrPort.Outcome pushCdrs(String source, String name, Path file) {
        if (!cdrSources.containsKey(source)) {
            throw new IllegalArgumentException("source: no CDR source '" + source + "' (configured: "
                    + String.join(", ", cdrSources.keySet()) + ")");
        }
        try {
            return pushes.requestBodyAndHeaders(CdrPushRoute.ENDPOINT, file,
                    Map.of(CdrPushRoute.SOURCE, source, CdrPushRoute.NAME, name), CdrPort.Outcome.class);
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The configured CDR sources, in id order. */
    public List<CdrSource> cdrSources() {
        return List.copyOf(cdrSources.values());
    }

    /** Where the CDR sources were read from, and what was wrong with the file if it was refused (else null). */
    public String cdrSourcesFile() {
        return cdrSourcesFile;
    }

    public String cdrSourcesProblem() {
        return cdrSourcesProblem;
    }

    /** The edge nodes to subscribe to: the members of the edge cluster, with the SIP address each publishes. */
    private Map<String, String> edgeNodes() {
        Map<String, String> nodes = new LinkedHashMap<>();
        for (EdgeClusterClient.EdgeMember m : edgeCluster.members()) {
            if (m.nodeId() != null && m.sipAddress() != null) {
                nodes.put(m.nodeId(), m.sipAddress());
            }
        }
        return nodes;
    }

    /** Node id to the state of the platform's subscription to its events. */
    public Map<String, EdgeEventSubscriber.State> edgeSubscriptions() {
        if (camel == null) {
            return Map.of();
        }
        for (Route r : camel.getRoutes()) {
            if (r.getConsumer() instanceof EdgeEventsConsumer consumer) {
                return consumer.subscriptions();
            }
        }
        return Map.of();
    }

    @PreDestroy
    void stop() {
        if (pushes != null) {
            pushes.stop();
        }
        if (camel != null) {
            camel.stop();
        }
    }

    /** Route id to its state (Started, Stopped, ...). */
    public Map<String, String> routeStates() {
        Map<String, String> out = new LinkedHashMap<>();
        if (camel == null) {
            return out;
        }
        for (Route r : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(r.getId());
            out.put(r.getId(), status == null ? "Unknown" : status.name());
        }
        return out;
    }

    public boolean started() {
        return camel != null && camel.getStatus().isStarted();
    }

    public Map<String, String> inboxes() {
        return new LinkedHashMap<>(inboxes);
    }
}
