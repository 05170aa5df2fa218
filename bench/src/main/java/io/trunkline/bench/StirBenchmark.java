package io.trunkline.bench;

import io.trunkline.contract.telecom.Attestation;
import io.trunkline.edge.stir.Passport;
import io.trunkline.edge.stir.PassportSigner;
import io.trunkline.edge.stir.PassportVerifier;
import io.trunkline.edge.stir.StirException;
import io.trunkline.edge.stir.StirFailure;
import io.trunkline.edge.stir.TrustAnchors;
import io.trunkline.edge.stir.Verification;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * STIR/SHAKEN per call on the edge, on one thread. {@code sign}: the Identity header value of one outbound call (the
 * PASSporT's claims and its ES256 signature), as {@code CallSigning} makes it. {@code verifyWarm}: one inbound call's
 * Identity verified with its signer's chain already held, as after a certificate cache hit. {@code verifyCold}: the
 * same with the chain parsed from its PEM bytes on every call, as on a cache miss once the HTTPS fetch has answered:
 * X.509 parsing, PKIX validation of the chain, the TN authorization list and the signature, each time. The fetch
 * itself is not measured: it costs what the publisher's server and the network cost, and the edge's
 * {@code HttpsCertificateSource} keeps a fetched chain as long as its answer's Cache-Control allows.
 *
 * <p>The PKI is made here: a P-256 STI-CA (the verifier's only trust anchor) and a P-256 signing certificate it
 * issued, with a TN authorization list holding a service provider code as SHAKEN certificates do; the chain at x5u is
 * the two, signing certificate first. The verifications take their tokens from a pool signed in setup at {@link #now},
 * which is also the time they are verified at, so no signing is inside their figure and every token is fresh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StirBenchmark {

    static final URI X5U = URI.create("https://sti.example.com/certs/edge-1.pem");
    static final String ORIGID = "123e4567-e89b-12d3-a456-426655440000";
    static final String CALLER = "+12155551212";
    /** Tokens in the verification pool, a power of two. */
    static final int TOKENS = 1024;
    /** RFC 8226 §9: the TN Authorization List extension. */
    static final String TN_AUTH_LIST = "1.3.6.1.5.5.7.1.26";

    private Instant now;
    private PassportSigner signer;
    private PassportVerifier warm;
    private PassportVerifier cold;
    private final String[] called = new String[TOKENS];
    private final String[] identities = new String[TOKENS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair caKeys = p256();
        X509Certificate ca = certificate("CN=Trunkline bench STI-CA", caKeys.getPublic(), "CN=Trunkline bench STI-CA",
                caKeys.getPrivate(), true);
        KeyPair signing = p256();
        X509Certificate leaf = certificate("CN=edge-1 SHAKEN", signing.getPublic(), "CN=Trunkline bench STI-CA",
                caKeys.getPrivate(), false);
        List<X509Certificate> chain = List.of(leaf, ca);
        byte[] pem = pem(chain);

        TrustAnchors anchors = new TrustAnchors(List.of(ca), List.of());
        Duration freshness = Duration.ofSeconds(60);
        warm = new PassportVerifier(x5u -> chain, anchors, freshness);
        cold = new PassportVerifier(x5u -> parse(x5u, pem), anchors, freshness);
        signer = new PassportSigner((ECPrivateKey) signing.getPrivate(), X5U);

        for (int i = 0; i < TOKENS; i++) {
            called[i] = String.format("+1212555%04d", i);
            identities[i] = signer.identity(Passport.of(Attestation.A, CALLER, called[i], now.getEpochSecond(), ORIGID));
        }
        // The verifications must measure the path of a call that passes, not an early failure.
        for (int i = 0; i < TOKENS; i++) {
            passes(warm.verify(identities[i], CALLER, called[i], now), "warm");
            passes(cold.verify(identities[i], CALLER, called[i], now), "cold");
        }
    }

    @Benchmark
    public String sign() {
        return signer.identity(Passport.of(Attestation.A, CALLER, called[next++ & (TOKENS - 1)],
                now.getEpochSecond(), ORIGID));
    }

    @Benchmark
    public Verification verifyWarm() {
        int i = next++ & (TOKENS - 1);
        return warm.verify(identities[i], CALLER, called[i], now);
    }

    @Benchmark
    public Verification verifyCold() {
        int i = next++ & (TOKENS - 1);
        return cold.verify(identities[i], CALLER, called[i], now);
    }

    private static void passes(Verification verification, String which) {
        if (!verification.passed()) {
            throw new IllegalStateException("the " + which + " verification does not pass: " + verification.failure()
                    + " " + verification.detail());
        }
    }

    /** The chain from its PEM bytes, as the edge reads a fetched x5u answer. */
    private static List<X509Certificate> parse(URI x5u, byte[] pem) throws StirException {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                chain.add((X509Certificate) c);
            }
            return List.copyOf(chain);
        } catch (CertificateException e) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " is not a certificate: " + e.getMessage());
        }
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A CA certificate, or a signing certificate with a TN authorization list of one service provider code. */
    private X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey, boolean ca)
            throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(ca ? 1 : 2), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(90))), new X500Name(subject), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (!ca) {
            builder.addExtension(new ASN1ObjectIdentifier(TN_AUTH_LIST), false,
                    new DERSequence(new DERTaggedObject(true, 0, new DERIA5String("709J"))));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static byte[] pem(List<X509Certificate> chain) throws CertificateException {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : chain) {
            text.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
