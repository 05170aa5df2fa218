package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import io.trunkline.contract.telecom.Attestation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing and verifying SHAKEN PASSporTs with a test STI-CA: the token's exact JSON, an independent check of its
 * signature with the JDK's own ECDSA, and each way a token can fail, each with its RFC 8224 answer and the verstat.
 */
class PassportTest {

    static final URI X5U = URI.create("https://sti.example.com/certs/edge.pem");
    static final String ORIGID = "123e4567-e89b-12d3-a456-426655440000";
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    static TestPki pki;
    static KeyPair signing;
    static X509Certificate leaf;
    static PassportSigner signer;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki("Trunkline test");
        signing = TestPki.keys();
        leaf = pki.issue("edge-1 SHAKEN", signing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));
        signer = new PassportSigner((ECPrivateKey) signing.getPrivate(), X5U);
    }

    private static PassportVerifier verifier(List<X509Certificate> chain) {
        return new PassportVerifier(uri -> chain, new TrustAnchors(List.of(pki.ca), List.of()), Duration.ofSeconds(60));
    }

    private static Verification verify(String identity) {
        return verifier(List.of(leaf, pki.ca)).verify(identity, "+1 215 555 1212", "12125551213", NOW);
    }

    private static String sign(long iat) {
        return signer.identity(Passport.of(Attestation.A, "+12155551212", "+12125551213", iat, ORIGID));
    }

    private static String part(String identity, int i) {
        String token = identity.substring(0, identity.indexOf(';'));
        return token.split("\\.")[i];
    }

    private static String decoded(String identity, int i) {
        return new String(Base64.getUrlDecoder().decode(part(identity, i)), StandardCharsets.UTF_8);
    }

    @Test
    void aSignedPassportHasTheShakenHeaderAndClaimsInCanonicalJson() {
        String identity = sign(NOW.getEpochSecond());
        assertThat(identity).endsWith(";info=<" + X5U + ">;alg=ES256;ppt=shaken");
        assertThat(decoded(identity, 0))
                .isEqualTo("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + X5U + "\"}");
        assertThat(decoded(identity, 1)).isEqualTo("{\"attest\":\"A\",\"dest\":{\"tn\":[\"12125551213\"]},\"iat\":"
                + NOW.getEpochSecond() + ",\"orig\":{\"tn\":\"12155551212\"},\"origid\":\"" + ORIGID + "\"}");
    }

    @Test
    void theSignatureVerifiesWithTheJdksOwnEcdsaIndependentlyOfTheJoseLibrary() throws Exception {
        String identity = sign(NOW.getEpochSecond());
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(leaf.getPublicKey());
        jdk.update((part(identity, 0) + "." + part(identity, 1)).getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(Base64.getUrlDecoder().decode(part(identity, 2)))).isTrue();
    }

    @Test
    void aFreshTokenForTheCallsNumbersChainedToTheAnchorPasses() {
        Verification v = verify(sign(NOW.getEpochSecond() - 30));
        assertThat(v.verstat()).isEqualTo(Verstat.TN_VALIDATION_PASSED);
        assertThat(v.passport().attest()).isEqualTo(Attestation.A);
        assertThat(v.passport().origid()).isEqualTo(ORIGID);
    }

    @Test
    void noIdentityIsNoValidation() {
        Verification v = verify(null);
        assertThat(v.verstat()).isEqualTo(Verstat.NO_TN_VALIDATION);
        assertThat(v.failure()).isNull();
    }

    private static void assertFails(Verification v, StirFailure failure, String detail) {
        assertThat(v.verstat()).as(v.detail()).isEqualTo(Verstat.TN_VALIDATION_FAILED);
        assertThat(v.failure()).as(v.detail()).isEqualTo(failure);
        assertThat(v.detail()).contains(detail);
    }

    @Test
    void aMalformedHeaderIs438() {
        assertFails(verify("not a token at all"), StirFailure.INVALID, "base64url");
        assertFails(verify(""), StirFailure.INVALID, "empty");
        assertFails(verify("a.b.c;info=<" + X5U + ";alg=ES256"), StirFailure.INVALID, "closing");
        assertFails(verify("a".repeat(5000)), StirFailure.INVALID, "longer than");
    }

    @Test
    void badBase64OrJsonInsideTheTokenIs438() {
        assertFails(verify("abc.def.ghi;info=<" + X5U + ">;alg=ES256;ppt=shaken"), StirFailure.INVALID, "not a JWS");
        String identity = sign(NOW.getEpochSecond());
        String broken = "e30" + identity.substring(identity.indexOf('.')); // header "{}"
        assertFails(verify(broken), StirFailure.INVALID, "not a JWS");
    }

    @Test
    void aMissingInfoIs436AndAnInfoThatIsNotTheX5uIs436() {
        String identity = sign(NOW.getEpochSecond());
        String token = identity.substring(0, identity.indexOf(';'));
        assertFails(verify(token), StirFailure.BAD_INFO, "no info");
        assertFails(verify(token + ";info=<https://elsewhere.example.com/c.pem>;alg=ES256;ppt=shaken"),
                StirFailure.BAD_INFO, "is not the token's x5u");
    }

    @Test
    void anAlgorithmOtherThanEs256Is437AndAnUnsecuredTokenIs438() throws Exception {
        JWSObject hs = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("passport"))
                .x509CertURL(X5U).customParam("ppt", "shaken").build(),
                new Payload(Passport.of(Attestation.A, "12155551212", "12125551213", NOW.getEpochSecond(), ORIGID).claims()));
        hs.sign(new MACSigner(new byte[32]));
        assertFails(verify(hs.serialize() + ";info=<" + X5U + ">;alg=ES256;ppt=shaken"),
                StirFailure.UNSUPPORTED_CREDENTIAL, "ES256 only");
        assertFails(verify(hs.serialize() + ";info=<" + X5U + ">;alg=HS256;ppt=shaken"),
                StirFailure.UNSUPPORTED_CREDENTIAL, "alg HS256");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"ppt\":\"shaken\",\"typ\":\"passport\"}".getBytes(StandardCharsets.UTF_8));
        String payload = part(sign(NOW.getEpochSecond()), 1);
        assertFails(verify(none + "." + payload + ".AAAA;info=<" + X5U + ">;alg=ES256;ppt=shaken"),
                StirFailure.INVALID, "not a JWS");
    }

    @Test
    void aStaleOrFutureIatIs403StaleDate() {
        assertFails(verify(sign(NOW.getEpochSecond() - 61)), StirFailure.STALE, "61 s old");
        assertFails(verify(sign(NOW.getEpochSecond() + 120)), StirFailure.STALE, "in the future");
    }

    @Test
    void anIatGivenAsAStringIs438() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>(
                Passport.of(Attestation.A, "12155551212", "12125551213", NOW.getEpochSecond(), ORIGID).claims());
        claims.put("iat", Long.toString(NOW.getEpochSecond()));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("passport"))
                .x509CertURL(X5U).customParam("ppt", "shaken").build(), new Payload(claims));
        jws.sign(new ECDSASigner((ECPrivateKey) signing.getPrivate()));
        assertFails(verify(jws.serialize() + ";info=<" + X5U + ">;alg=ES256;ppt=shaken"), StirFailure.INVALID,
                "iat must be a number of seconds, was the string");
    }

    @Test
    void anOrigThatIsNotTheCallerOrADestWithoutTheCalledIs438() {
        String identity = sign(NOW.getEpochSecond());
        assertFails(verifier(List.of(leaf, pki.ca)).verify(identity, "12155550000", "12125551213", NOW),
                StirFailure.INVALID, "is not the caller");
        assertFails(verifier(List.of(leaf, pki.ca)).verify(identity, "12155551212", "12125550000", NOW),
                StirFailure.INVALID, "does not hold the called");
    }

    @Test
    void aSignatureAlteredInFlightIs438() {
        String identity = sign(NOW.getEpochSecond());
        String signature = part(identity, 2);
        char flipped = signature.charAt(10) == 'A' ? 'B' : 'A';
        String altered = identity.replace(signature, signature.substring(0, 10) + flipped + signature.substring(11));
        assertFails(verify(altered), StirFailure.INVALID, "signature does not verify");
        // Claims changed after signing (the caller's number swapped): the same.
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded(identity, 1)
                .replace("12155551212", "12155559999").getBytes(StandardCharsets.UTF_8));
        assertFails(verifier(List.of(leaf, pki.ca)).verify(identity.replace(part(identity, 1), forgedClaims),
                "12155559999", "12125551213", NOW), StirFailure.INVALID, "signature does not verify");
    }

    @Test
    void aRevokedCertificateIs437WhereCrlsAreConfiguredAndAnotherCertificateOfTheCaStillPasses() throws Exception {
        X509Certificate revoked = pki.issue("revoked", signing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        X509Certificate good = pki.issue("good", signing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        TrustAnchors withCrl = new TrustAnchors(List.of(pki.ca), List.of(pki.crl(revoked)));
        assertFails(new PassportVerifier(uri -> List.of(revoked, pki.ca), withCrl, Duration.ofSeconds(60))
                .verify(sign(Instant.now().getEpochSecond()), "12155551212", "12125551213", Instant.now()),
                StirFailure.UNSUPPORTED_CREDENTIAL, "not trusted");
        assertThat(new PassportVerifier(uri -> List.of(good, pki.ca), withCrl, Duration.ofSeconds(60))
                .verify(sign(Instant.now().getEpochSecond()), "12155551212", "12125551213", Instant.now()).verstat())
                .isEqualTo(Verstat.TN_VALIDATION_PASSED);
    }

    @Test
    void aCertificateThatDoesNotChainToTheAnchorsOrHasExpiredIs437() throws Exception {
        TestPki other = new TestPki("Other");
        X509Certificate stranger = other.issue("stranger", signing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        assertFails(verifier(List.of(stranger, other.ca)).verify(sign(NOW.getEpochSecond()), "12155551212",
                "12125551213", NOW), StirFailure.UNSUPPORTED_CREDENTIAL, "not trusted");
        X509Certificate expired = pki.issue("old", signing, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(1)));
        assertFails(verifier(List.of(expired, pki.ca)).verify(sign(NOW.getEpochSecond()), "12155551212",
                "12125551213", NOW), StirFailure.UNSUPPORTED_CREDENTIAL, "not trusted");
    }

    @Test
    void aCertificateWhoseTnAuthorizationListDoesNotHoldTheCallerIs437() throws Exception {
        X509Certificate scoped = pki.issueWithTnAuth("scoped", signing, TestPki.one("12155550000"));
        PassportVerifier v = new PassportVerifier(uri -> List.of(scoped, pki.ca),
                new TrustAnchors(List.of(pki.ca), List.of()), Duration.ofSeconds(60));
        Instant now = NOW;
        String identity = signer.identity(Passport.of(Attestation.A, "12155551212", "12125551213",
                now.getEpochSecond(), ORIGID));
        assertFails(v.verify(identity, "12155551212", "12125551213", now), StirFailure.UNSUPPORTED_CREDENTIAL,
                "outside the certificate's TN authorization list");
        X509Certificate holds = pki.issueWithTnAuth("holds", signing, TestPki.range("12155551200", 100));
        assertThat(new PassportVerifier(uri -> List.of(holds, pki.ca), new TrustAnchors(List.of(pki.ca), List.of()),
                Duration.ofSeconds(60)).verify(identity, "12155551212", "12125551213", now).verstat())
                .isEqualTo(Verstat.TN_VALIDATION_PASSED);
    }

    @Test
    void aCertificateThatCannotBeHadIs436() {
        PassportVerifier v = new PassportVerifier(uri -> {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + uri + " refused: not HTTPS");
        }, new TrustAnchors(List.of(pki.ca), List.of()), Duration.ofSeconds(60));
        assertFails(v.verify(sign(NOW.getEpochSecond()), "12155551212", "12125551213", NOW), StirFailure.BAD_INFO,
                "not HTTPS");
    }

    @Test
    void theKeyStoreIsRefusedWithItsFileNamedWhenThePasswordIsWrongOrTheKeyIsNotTheCertificates(@TempDir Path dir)
            throws Exception {
        Path good = TestPki.store(dir.resolve("edge.p12"), "secret", "shaken", signing.getPrivate(), leaf, pki.ca);
        SigningKeys keys = SigningKeys.load(good, "secret", "shaken");
        assertThat(keys.certificate()).isEqualTo(leaf);
        assertThat(keys.validFor(NOW).toDays()).isEqualTo(90);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigningKeys.load(good, "wrong", "shaken"))
                .hasMessageContaining(good.toString()).hasMessageContaining("password");
        Path mismatched = TestPki.store(dir.resolve("mismatch.p12"), "secret", "shaken", TestPki.keys().getPrivate(),
                leaf, pki.ca);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigningKeys.load(mismatched, "secret", "shaken"))
                .hasMessageContaining(mismatched.toString()).hasMessageContaining("does not match");
    }
}
