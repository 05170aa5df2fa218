package io.trunkline.ejb.platform.application;

import io.trunkline.ejb.platform.api.PlatformHealth;
import io.trunkline.ejb.platform.infrastructure.CamelBootstrap;
import io.trunkline.ejb.platform.infrastructure.DatabaseProbe;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import io.trunkline.ejb.platform.infrastructure.SchemaMigrations;
import io.trunkline.ejb.routing.application.DecisionWarmUp;
import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import io.trunkline.processes.ProcessCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PlatformHealthService implements PlatformHealth {

    @Inject
    private DatabaseProbe database;
    @EJB
    private SchemaMigrations schema;
    @EJB
    private RuleBase ruleBase;
    @EJB
    private WorkflowRuntime workflows;
    @EJB
    private CamelBootstrap camel;
    @EJB
    private EdgeClusterClient edge;
    @EJB
    private DecisionWarmUp warmUp;

    @Override
    public Report check() {
        List<Subsystem> subsystems = List.of(database(), rules(), workflows(), routes(), edgeCluster());
        Status overall = subsystems.stream().allMatch(s -> s.status() == Status.UP) ? Status.UP : Status.DOWN;
        return new Report(overall, Instant.now(), subsystems);
    }

    private Subsystem database() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.put("product", database.product());
            details.put("schemaVersion", schema.version());
            return new Subsystem("database", Status.UP, details);
        } catch (Exception e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new Subsystem("database", Status.DOWN, details);
        }
    }

    private Subsystem rules() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Object> books = new ArrayList<>();
        for (RulebookVersion v : ruleBase.activeVersions()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("rulebook", v.rulebook());
            b.put("version", v.version());
            b.put("checksum", v.checksum());
            b.put("createdAt", v.createdAt().toString());
            b.put("author", v.author());
            books.add(b);
        }
        details.put("rulebooks", books);
        // Whether the decision path has been run before the first calls (see DecisionWarmUp).
        details.put("decisionWarmUp", warmUp.state());
        return new Subsystem("rules", books.isEmpty() ? Status.DOWN : Status.UP, details);
    }

    private Subsystem workflows() {
        Map<String, Object> details = new LinkedHashMap<>();
        String id = workflows.identifier();
        details.put("runtime", id == null ? "not started" : id);
        details.put("processes", ProcessCatalog.ALL.stream().map(ProcessCatalog.ProcessEntry::id).toList());
        return new Subsystem("workflows", id == null ? Status.DOWN : Status.UP, details);
    }

    private Subsystem routes() {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, String> states = camel.routeStates();
        details.put("routes", new LinkedHashMap<String, Object>(states));
        details.put("inboxes", new LinkedHashMap<String, Object>(camel.inboxes()));
        details.put("cdrSources", camel.cdrSources().stream().map(c -> c.id()).toList());
        if (camel.cdrSourcesProblem() != null) {
            details.put("cdrSourcesProblem", camel.cdrSourcesProblem());
        }
        boolean up = camel.started() && !states.isEmpty() && states.values().stream().allMatch("Started"::equals)
                && camel.cdrSourcesProblem() == null;
        return new Subsystem("camel", up ? Status.UP : Status.DOWN, details);
    }

    private Subsystem edgeCluster() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster", edge.clusterName());
        details.put("configuredMembers", new ArrayList<Object>(edge.configuredMembers()));
        List<Object> members = new ArrayList<>();
        Map<String, io.trunkline.camel.edge.EdgeEventSubscriber.State> subscriptions = camel.edgeSubscriptions();
        for (EdgeClusterClient.EdgeMember m : edge.members()) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("node", m.nodeId());
            member.put("clusterAddress", m.clusterAddress());
            member.put("sip", m.sipAddress());
            // "not relayed": the node passes SDP as the peers wrote it (no rtpengine configured or installed).
            member.put("media", m.media());
            io.trunkline.camel.edge.EdgeEventSubscriber.State events = subscriptions.get(m.nodeId());
            if (events != null) {
                // The platform's subscription to the node's events: its state and how long since the last NOTIFY.
                Map<String, Object> sub = new LinkedHashMap<>();
                sub.put("state", events.status());
                sub.put("lastNotifyMsAgo", events.lastHeardMsAgo());
                sub.put("batches", events.batches());
                sub.put("events", events.events());
                member.put("events", sub);
            }
            members.add(member);
        }
        details.put("members", members);
        if (edge.problem() != null) {
            details.put("error", edge.problem());
        }
        return new Subsystem("edge", members.isEmpty() ? Status.DOWN : Status.UP, details);
    }
}
