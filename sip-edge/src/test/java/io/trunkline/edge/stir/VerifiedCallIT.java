package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsServer;
import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.Signing;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end between two nodes: edge-1 signs an outbound call, its carrier leg arrives at edge-2 (the inbound side
 * of another enterprise, edge-1's STI-CA its trust anchor, edge-1's certificate fetched over HTTPS from the x5u), and
 * the PBX behind edge-2 (SIPp) is told the outcome in {@code verstat} on From and P-Asserted-Identity.
 */
class VerifiedCallIT {

    static final int EDGE_1 = 17093;
    static final int PBX_1 = 17094;
    static final int EDGE_2 = 17095;
    static final int PBX_2 = 17096;
    static final int CARRIER = 17097;
    static final String ORIGID = "7b0e4c1a-2d3f-3e4a-9b5c-6d7e8f9a0b1c";
    static KeyPair keys;
    static String x5uUrl;

    @TempDir
    static Path dir;
    static HttpsServer x5u;
    static DecisionServer platform1;
    static DecisionServer platform2;
    static EdgeProcess edge1;
    static EdgeProcess edge2;
    static final AtomicReference<Signing> SIGNING = new AtomicReference<>();
    /** Whether enterprise 2's inbound rules refuse a failed identity (as an InboundIdentity row with REFUSE does). */
    static volatile boolean refuseFailed;
    /** The last request enterprise 2's platform was asked. */
    static final AtomicReference<String> ASKED = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = new TestPki("verified-call");
        keys = TestPki.keys();
        X509Certificate signer = pki.issue("edge-1", keys);
        byte[] chain = TestPki.pem(signer, pki.ca).getBytes(StandardCharsets.US_ASCII);
        x5u = pki.httpsServer("localhost", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-pem-file");
            exchange.sendResponseHeaders(200, chain.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(chain);
            }
        });
        x5uUrl = "https://localhost:" + x5u.getAddress().getPort() + "/certs/edge-1.pem";
        Path anchors = Files.writeString(dir.resolve("sti-ca.pem"), TestPki.pem(pki.ca));
        Path store = TestPki.store(dir.resolve("edge-1-stir.p12"), "secret", "shaken", keys.getPrivate(), signer, pki.ca);

        // Enterprise 1 sends the call to edge-2 as its carrier; enterprise 2's platform routes it to its PBX.
        platform1 = DecisionServer.start(body -> new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test",
                "DOMESTIC", "+13125550199", "+12125552001",
                List.of(new Route("carrier-x", Route.Kind.CARRIER, "sip:+13125550199@127.0.0.1:" + EDGE_2,
                        "+12125552001", null, "USD", "test route")),
                List.of(503), 2000, Map.of(), List.of(), Instant.now()).withSigning(SIGNING.get()));
        platform2 = DecisionServer.start(body -> {
            ASKED.set(body);
            if (refuseFailed && body.contains("\"verstat\":\"TN-Validation-Failed\"")) {
                return new RouteDecision("y", RouteDecision.Verdict.REJECT, 438,
                        "Invalid Identity Header (InboundIdentity_10)", "INBOUND", "+13125550199", "+12125552001",
                        List.of(), List.of(), 0, Map.of(), List.of(), Instant.now());
            }
            return new RouteDecision("y", RouteDecision.Verdict.ROUTE, null, "DID", "INBOUND", "+13125550199",
                    "+12125552001", List.of(new Route("branch", Route.Kind.PBX, "sip:2001@127.0.0.1:" + PBX_2,
                            "+12125552001", null, null, "DID +13125550199")),
                    List.of(503), 2000, Map.of(), List.of(), Instant.now());
        });
        edge1 = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "signer-edge", EDGE_1, 17792,
                "127.0.0.1:17792", Map.of(
                        "cluster.name", "enterprise-1",
                        "platform.url", platform1.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX_1,
                        "stir.sign.keystore", store.toString(),
                        "stir.sign.keystore-password", "secret",
                        "stir.sign.x5u", x5uUrl));
        edge2 = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "verifier-edge", EDGE_2, 17793,
                "127.0.0.1:17793", Map.of(
                        "cluster.name", "enterprise-2",
                        "platform.url", platform2.url(),
                        "carrier.carrier-x.sources", "127.0.0.1:" + EDGE_1 + ",127.0.0.1:" + CARRIER,
                        "stir.verify.trust-anchors", anchors.toString(),
                        "stir.verify.x5u-hosts", "localhost",
                        "stir.verify.private-hosts", "localhost",
                        "stir.verify.https-trust", anchors.toString()));
        edge1.awaitLog("ready", 60);
        edge2.awaitLog("ready", 60);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (AutoCloseable c : new AutoCloseable[] {edge1, edge2, platform1, platform2}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the next one is closed all the same
                }
            }
        }
        if (x5u != null) {
            x5u.stop(0);
        }
    }

    /** One call from enterprise 1's PBX to enterprise 2's: the INVITE the receiving PBX got. */
    private static String inviteAtTheCalledPbx(String name) throws Exception {
        Path messages = dir.resolve(name + "-pbx2-sip.log");
        Process pbx2 = Sipp.start(dir, name + "-pbx2", "-m", "1", "-sn", "uas", "-p", Integer.toString(PBX_2),
                "-trace_msg", "-message_file", messages.toString());
        int pbx1 = Sipp.exit(Sipp.start(dir, name + "-pbx1", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE_1, "-s",
                "13125550199", "-p", Integer.toString(PBX_1), "-d", "200"));
        assertThat(pbx1).as("the calling PBX's call was answered and hung up; edge-2 logged:%n%s", edge2.log()).isZero();
        assertThat(Sipp.exit(pbx2)).as("the called PBX took the call").isZero();
        String received = Files.readString(messages);
        String invite = received.substring(received.indexOf("INVITE sip:"));
        return invite.substring(0, Math.max(invite.indexOf("\n\n"), invite.indexOf("Content-Length")));
    }

    /** The first call record of the node's journal that matches, waiting up to 10 s for it to be written. */
    private static CallRecord journaled(String node, java.util.function.Predicate<CallRecord> which) throws Exception {
        Path journal = dir.resolve("journal").resolve(node + ".journal");
        for (int i = 0; i < 100; i++) {
            if (Files.exists(journal)) {
                for (String line : Files.readAllLines(journal)) {
                    if (line.startsWith("E ")) {
                        CallRecord r = CallRecord.fromJson(line.split(" ", 4)[3]);
                        if (which.test(r)) {
                            return r;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such call record in " + journal);
    }

    @Test
    void aCallSignedByEdge1IsVerifiedByEdge2AndThePbxSeesTnValidationPassed() throws Exception {
        SIGNING.set(new Signing(Attestation.A, ORIGID, "Attestation_14"));
        String invite = inviteAtTheCalledPbx("signed");
        // The records of the other tests' calls may come first: this call's is the one that passed with A.
        CallRecord received = journaled("verifier-edge", r -> r.identity() != null
                && "TN-Validation-Passed".equals(r.identity().verstat()) && r.identity().attest() == Attestation.A);
        assertThat(received.identity().failure()).as("edge-2's record of the call signed with A").isNull();
        CallRecord sent = journaled("signer-edge", r -> r.attempts().stream().anyMatch(a -> "A".equals(a.signed())));
        assertThat(sent.identity()).as("edge-1's record of an outbound call has no verification").isNull();
        assertThat(invite).as("edge-2 logged:%n%s", edge2.log())
                .containsPattern("(?m)^From: .*sip:\\+12125552001;verstat=TN-Validation-Passed@")
                .containsPattern("(?m)^P-Asserted-Identity: .*sip:\\+12125552001;verstat=TN-Validation-Passed@");
        assertThat(invite).as("the Identity stays with the carrier leg").doesNotContainPattern("(?m)^Identity:");
    }

    @Test
    void aCallForANumberTheEnterpriseDoesNotHoldArrivesWithPartialAttestation() throws Exception {
        SIGNING.set(new Signing(Attestation.B, ORIGID, "Attestation_15"));
        String invite = inviteAtTheCalledPbx("partial");
        assertThat(invite).containsPattern("(?m)^From: .*sip:\\+12125552001;verstat=TN-Validation-Passed@");
        CallRecord received = journaled("verifier-edge", r -> r.identity() != null
                && r.identity().attest() == Attestation.B);
        assertThat(received.identity().verstat()).as("B verifies: the signer vouches for less, not falsely")
                .isEqualTo("TN-Validation-Passed");
        assertThat(received.attempts()).as("delivered to the PBX").isNotEmpty();
    }

    @Test
    void aCallEdge1LeavesUnsignedReachesThePbxAsNotValidated() throws Exception {
        SIGNING.set(null);
        String invite = inviteAtTheCalledPbx("unsigned");
        assertThat(invite).containsPattern("(?m)^From: .*sip:\\+12125552001;verstat=No-TN-Validation@");
    }

    /** What edge-1 would send for this call, signed with its key, then one character of the signature changed. */
    private static Path alteredIdentity(String name) throws Exception {
        String valid = new PassportSigner((java.security.interfaces.ECPrivateKey) keys.getPrivate(),
                java.net.URI.create(x5uUrl)).identity(Passport.of(Attestation.A, "+12125552001", "+13125550199",
                Instant.now().getEpochSecond(), ORIGID));
        int sig = valid.indexOf(';') - 5;
        String altered = valid.substring(0, sig) + (valid.charAt(sig) == 'A' ? 'B' : 'A') + valid.substring(sig + 1);
        return Files.writeString(dir.resolve(name + ".csv"), "SEQUENTIAL\n" + altered + "\n");
    }

    @Test
    void anIdentityTheInboundRulesRefuseIsAnswered438AndThePlatformWasToldWhy() throws Exception {
        refuseFailed = true;
        try {
            Path inf = alteredIdentity("refused");
            Path messages = dir.resolve("refused-carrier-sip.log");
            int carrier = Sipp.exit(Sipp.start(dir, "refused-carrier", "-m", "1", "-sf",
                    Sipp.scenario("uac-identity-refused.xml"), "-inf", inf.toString(), "127.0.0.1:" + EDGE_2, "-s",
                    "13125550199", "-p", Integer.toString(CARRIER), "-trace_msg", "-message_file", messages.toString()));
            assertThat(carrier).as("the carrier got 438; edge-2 logged:%n%s", edge2.log()).isZero();
            assertThat(Files.readString(messages)).contains("SIP/2.0 438 Invalid Identity Header");
            assertThat(ASKED.get()).as("the decision request carries the verification")
                    .contains("\"identity\":{\"verstat\":\"TN-Validation-Failed\",\"failure\":\"INVALID\"")
                    .contains("\"attest\":\"A\"");
            CallRecord refused = journaled("verifier-edge", r -> r.releaseCode() == 438);
            assertThat(refused.identity().verstat()).isEqualTo("TN-Validation-Failed");
            assertThat(refused.identity().failure()).isEqualTo("INVALID");
            assertThat(refused.identity().detail()).as("the record says what was wrong").isNotBlank();
        } finally {
            refuseFailed = false;
        }
    }

    @Test
    void anIdentityWhoseSignatureWasAlteredInFlightReachesThePbxAsFailed() throws Exception {
        Path inf = alteredIdentity("altered");
        Path messages = dir.resolve("altered-pbx2-sip.log");
        Process pbx2 = Sipp.start(dir, "altered-pbx2", "-m", "1", "-sn", "uas", "-p", Integer.toString(PBX_2),
                "-trace_msg", "-message_file", messages.toString());
        int carrier = Sipp.exit(Sipp.start(dir, "altered-carrier", "-m", "1", "-sf", Sipp.scenario("uac-identity.xml"),
                "-inf", inf.toString(), "127.0.0.1:" + EDGE_2, "-s", "13125550199", "-p", Integer.toString(CARRIER)));
        assertThat(carrier).as("the carrier's call went through (the rules tag, not refuse); edge-2 logged:%n%s",
                edge2.log()).isZero();
        assertThat(Sipp.exit(pbx2)).isZero();
        assertThat(Files.readString(messages))
                .containsPattern("(?m)^From: .*sip:\\+12125552001;verstat=TN-Validation-Failed@");
        CallRecord record = journaled("verifier-edge", r -> r.identity() != null && r.releaseCode() != 438
                && "INVALID".equals(r.identity().failure()));
        assertThat(record.identity().detail()).as("failed for its signature, not for a header SIPp cut short")
                .containsIgnoringCase("signature");
    }
}
