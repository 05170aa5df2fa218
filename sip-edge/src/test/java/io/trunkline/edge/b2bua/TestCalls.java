package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.cluster.TrunkHealth;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.routing.RoutingPort;
import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.SipMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Calls, routes and decisions for the B2BUA's unit tests. */
final class TestCalls {

    static final Instant STARTED = Instant.parse("2026-03-02T10:15:30Z");
    static final Peer HQ = new Peer.Pbx(new PbxId("hq-cucm"));
    static final Peer CARRIER_A = new Peer.Carrier(new CarrierId("carrier-a"));

    /** Trunk health with every trunk up (none probed). */
    static final TrunkHealthStore ALL_UP = new TrunkHealthStore() {
        @Override
        public Optional<TrunkHealth> get(String trunk) {
            return Optional.empty();
        }

        @Override
        public void put(TrunkHealth health) {
        }

        @Override
        public Map<String, TrunkHealth> all() {
            return Map.of();
        }
    };

    private TestCalls() {
    }

    static Route carrier(String id, String number) {
        return new Route(id, Route.Kind.CARRIER, "sip:" + number + "@198.51.100." + (id.length() % 200) + ":5060",
                "+442079460000", null, null, "test route");
    }

    static RoutingPort.Decided decided(Route... routes) {
        return new RoutingPort.Decided(new RouteDecision("pbx-call-1@10.0.1.10", RouteDecision.Verdict.ROUTE, null, "test",
                "NATIONAL", "+442071234567", "+442079460000", Arrays.asList(routes), List.of(503), 1500, Map.of(),
                List.of("test"), STARTED), RoutingPort.Source.PLATFORM);
    }

    /** A call the PBX {@code peer} placed with {@code invite}, its server transaction keeping what is sent in it. */
    static Call call(Peer peer, Request invite, List<Response> toPbx) {
        return new Call(new CallId(((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId()),
                FakeSipEndpoint.serverTransaction(invite, toPbx), invite, "edge-tag", peer, STARTED);
    }

    static Call call(Peer peer) {
        return call(peer, SipMessages.request(Request.INVITE).sdp().build(), new ArrayList<>());
    }

    /** Records and rejections handed to the journal. */
    static final class Records implements B2bua.CallRecords {
        final List<CallRecord> records = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public void record(CallRecord record) {
            records.add(record);
        }

        @Override
        public void rejected(String source, String method, int code, String reason) {
            rejected.add(source + " " + method + " " + code + " " + reason);
        }
    }
}
