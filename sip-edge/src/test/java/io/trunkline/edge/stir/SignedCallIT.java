package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.Signing;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with a signing key signs the calls its decisions say to sign, on the carrier leg: the carrier (SIPp) traces
 * the INVITE it received, and the test verifies its Identity header with the JDK's own ECDSA, not the library that
 * signed it.
 */
class SignedCallIT {

    static final int EDGE = 17090;
    static final int PBX = 17091;
    static final int CARRIER = 17092;
    static final String ORIGID = "2f4c7d0a-9a3e-3b61-8f2d-6f1d1c0b7e55";
    static final String X5U = "https://sti.example.com/certs/edge-1.pem";

    @TempDir
    static Path dir;
    static DecisionServer platform;
    static EdgeProcess edge;
    static KeyPair keys;
    static final AtomicReference<Signing> SIGNING = new AtomicReference<>();
    /** What the carrier received on the last call, for a failure's message. */
    static final AtomicReference<String> LAST_MESSAGES = new AtomicReference<>("");

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = new TestPki("signed-call");
        keys = TestPki.keys();
        Path store = TestPki.store(dir.resolve("edge-stir.p12"), "secret", "shaken", keys.getPrivate(),
                pki.issue("edge-1", keys), pki.ca);
        platform = DecisionServer.start(body -> new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test",
                "DOMESTIC", "+13125550199", "+12125552001",
                List.of(new Route("carrier-a", Route.Kind.CARRIER, "sip:+13125550199@127.0.0.1:" + CARRIER,
                        "+12125552001", null, "USD", "test route")),
                List.of(503), 2000, Map.of(), List.of(), Instant.now()).withSigning(SIGNING.get()));
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "signing-edge", EDGE, 17791,
                "127.0.0.1:17791", Map.of(
                        "platform.url", platform.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX,
                        "stir.sign.keystore", store.toString(),
                        "stir.sign.keystore-password", "secret",
                        "stir.sign.x5u", X5U));
        edge.awaitLog("ready", 60);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** Places one call and returns the Identity header of the INVITE the carrier received ("" when none). */
    private static String identityOfOneCall(String name) throws Exception {
        Path messages = dir.resolve(name + "-carrier-sip.log");
        Process carrier = Sipp.start(dir, name + "-carrier", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER),
                "-trace_msg", "-message_file", messages.toString());
        int pbx = Sipp.exit(Sipp.start(dir, name + "-pbx", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s",
                "13125550199", "-p", Integer.toString(PBX), "-d", "200"));
        assertThat(pbx).as("the PBX's call was answered and hung up").isZero();
        assertThat(Sipp.exit(carrier)).as("the carrier took the call").isZero();
        String received = Files.readString(messages);
        LAST_MESSAGES.set(received);
        String invite = received.substring(received.indexOf("INVITE sip:"));
        invite = invite.substring(0, invite.indexOf("\n\n") < 0 ? invite.length() : invite.indexOf("\n\n"));
        Matcher m = Pattern.compile("^Identity: *(.*?)\\r?$", Pattern.MULTILINE).matcher(invite);
        return m.find() ? m.group(1).trim() : "";
    }

    @Test
    void aCallTheDecisionSaysToSignArrivesWithAnIdentityTheJdkVerifies() throws Exception {
        SIGNING.set(new Signing(Attestation.A, ORIGID, "Attestation_14"));
        String identity = identityOfOneCall("signed");

        // RFC 8224 §4.1: token;info=<x5u>;alg=ES256;ppt=shaken
        assertThat(identity).as("the carrier received:%n%s%nthe node logged:%n%s", LAST_MESSAGES.get(), edge.log())
                .endsWith(";info=<" + X5U + ">;alg=ES256;ppt=shaken");
        String[] jws = identity.substring(0, identity.indexOf(';')).split("\\.");
        assertThat(jws).hasSize(3);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        assertThat(new String(b64.decode(jws[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + X5U + "\"}");
        String claims = new String(b64.decode(jws[1]), StandardCharsets.UTF_8);
        assertThat(claims).startsWith("{\"attest\":\"A\",\"dest\":{\"tn\":[\"13125550199\"]},\"iat\":")
                .endsWith(",\"orig\":{\"tn\":\"12125552001\"},\"origid\":\"" + ORIGID + "\"}");
        long iat = Long.parseLong(claims.replaceAll(".*\"iat\":([0-9]+).*", "$1"));
        assertThat(Math.abs(iat - Instant.now().getEpochSecond())).isLessThan(30);

        // ES256 (RFC 7518 §3.4): ECDSA P-256 with SHA-256 over "header.claims", the signature as R || S.
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(keys.getPublic());
        ecdsa.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(ecdsa.verify(b64.decode(jws[2]))).as("the JDK verifies the node's signature").isTrue();
    }

    @Test
    void aCallTheDecisionLeavesUnsignedCarriesNoIdentity() throws Exception {
        SIGNING.set(null);
        assertThat(identityOfOneCall("unsigned")).as("the carrier received:%n%s", LAST_MESSAGES.get()).isEmpty();
        assertThat(LAST_MESSAGES.get()).contains("INVITE sip:+13125550199@").contains("P-Asserted-Identity: ");
    }
}
