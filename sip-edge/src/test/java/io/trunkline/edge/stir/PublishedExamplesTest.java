package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.trunkline.contract.telecom.Attestation;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 8225 (PASSporT, Appendix A) and RFC 8588 (SHAKEN, §6) decoded and checked as the RFCs specify.
 * Appendix A's own signature verifies under neither of its example keys (its A.1 private and A.2 public keys are two
 * different pairs, a known defect of the text; libstirshaken skips that comparison too), so the signatures checked
 * here are the draft-08 vector that does verify with A.2, and the RFC 8588 claims signed with the draft-08 private
 * key by OpenSSL: independent signers, verified by this code.
 */
class PublishedExamplesTest {

    static final String A2_PUBLIC = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8HNbQd/TmvCKwPKHkMF9fScavGeH"
            + "78YTU8qLS8I5HLHSSmlATLcslQMhNC/OhlWBYC626nIlo7XeebYS7Sb37g==";
    /** The public key of Appendix A.1's private key (derived): a different pair from A.2. */
    static final String A1_PUBLIC = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFn2o9R1BE6aDQqzrafSgPKNFe/SL"
            + "lgESrfQtXBT5MndxQT+EnojWcUIQ6w9LXQR5bN/8BXvPvithaz8kBfb7oQ==";
    static final String RFC8225_HEADER = "eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL3Bhc3Nwb3J0LmNlciJ9";
    static final String RFC8225_CLAIMS = "eyJkZXN0Ijp7InVyaSI6WyJzaXA6YWxpY2VAZXhhbXBsZS5jb20iXX0sImlhdCI6MTQ3MTM3NTQxOCwib3JpZyI6eyJ0biI6IjEyMTU1NTUxMjEyIn19";
    static final String RFC8225_TOKEN = RFC8225_HEADER + "." + RFC8225_CLAIMS
            + ".VLBCIVDCaeK6M4hLJb6SHQvacAQVvoiiEOWQ_iUkqk79UD81fHQ0E1b3_GluIkba7UWYRM47ZbNFdOJquE35cw";
    /** Draft-08's full-form example, signed with the key of A.2 (its iat still a string then). */
    static final String DRAFT08_TOKEN = RFC8225_HEADER
            + ".eyJkZXN0Ijp7InVyaSI6WyJzaXA6YWxpY2VAZXhhbXBsZS5jb20iXX0sImlhdCI6IjE0NDMyMDgzNDUiLCJvcmlnIjp7InRuIjoiMTIxNTU1NTEyMTIifX0"
            + ".rq3pjT1hoRwakEGjHCnWSwUnshd0-zJ6F1VOgFWSjHBr8Qjpjlk-cpFYpFYsojNCpTzO3QfPOlckGaS6hEck7w";
    /** RFC 8588 §6's header and claims (iat a number, as erratum 6656 says), signed by OpenSSL with A.2's pair. */
    static final String RFC8588_TOKEN = "eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL3Bhc3Nwb3J0LmNlciJ9"
            + ".eyJhdHRlc3QiOiJBIiwiZGVzdCI6eyJ0biI6WyIxMjE1NTU1MDEzMSJdfSwiaWF0IjoxNDQzMjA4MzQ1LCJvcmlnIjp7InRuIjoiMTIxNTU1NTAxMjEifSwib3JpZ2lkIjoiMTIzZTQ1NjctZTg5Yi0xMmQzLWE0NTYtNDI2NjU1NDQwMDAwIn0"
            + ".0jFR52J69u9tl44FyPw2oQ52_o8mTYFkqBjw22MNnU_bU96tLtqZERysAVl0Yn6cjS4x8p1Xxjdn2pHKmhaDvg";

    static PublicKey key(String base64) throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Test
    void rfc8225AppendixADecodesToItsHeaderAndClaimsAndTheirCanonicalFormIsWhatTheLibrarySerializes() throws Exception {
        JWSObject jws = JWSObject.parse(RFC8225_TOKEN);
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jws.getHeader().getType().getType()).isEqualTo("passport");
        assertThat(jws.getHeader().getX509CertURL()).hasToString("https://cert.example.org/passport.cer");
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertThat(claims.get("iat")).isEqualTo(1471375418L);
        assertThat(claims.get("orig")).isEqualTo(Map.of("tn", "12155551212"));
        assertThat(claims.get("dest")).isEqualTo(Map.of("uri", List.of("sip:alice@example.com")));
        // §9: lexicographic members, no whitespace: the signer's way (a sorted map, serialized by the library)
        // gives the published bytes.
        Map<String, Object> header = new TreeMap<>(Map.of("typ", "passport", "alg", "ES256",
                "x5u", "https://cert.example.org/passport.cer"));
        assertThat(Base64URL.encode(JSONObjectUtils.toJSONString(header)).toString()).isEqualTo(RFC8225_HEADER);
        Map<String, Object> sorted = new TreeMap<>(Map.of("orig", new TreeMap<>(Map.of("tn", "12155551212")),
                "iat", 1471375418L, "dest", new TreeMap<>(Map.of("uri", List.of("sip:alice@example.com")))));
        assertThat(Base64URL.encode(JSONObjectUtils.toJSONString(sorted)).toString()).isEqualTo(RFC8225_CLAIMS);
        // The text's own signature: 64 bytes of R||S, verifying under neither of its example keys (see above).
        assertThat(jws.getSignature().decode()).hasSize(64);
        assertThat(jws.verify(new ECDSAVerifier((ECPublicKey) key(A2_PUBLIC)))).isFalse();
        assertThat(jws.verify(new ECDSAVerifier((ECPublicKey) key(A1_PUBLIC)))).isFalse();
    }

    @Test
    void theDraftVectorVerifiesWithItsPublicKeyByTheLibraryAndByTheJdkAndNotWithTheOtherKey() throws Exception {
        JWSObject jws = JWSObject.parse(DRAFT08_TOKEN);
        assertThat(jws.verify(new ECDSAVerifier((ECPublicKey) key(A2_PUBLIC)))).isTrue();
        assertThat(jws.verify(new ECDSAVerifier((ECPublicKey) key(A1_PUBLIC)))).isFalse();
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(key(A2_PUBLIC));
        jdk.update(jws.getSigningInput());
        assertThat(jdk.verify(jws.getSignature().decode())).isTrue();
        // Its iat is the string of the draft: as a SHAKEN token it is refused for that, whatever its signature.
        assertThat(jws.getPayload().toJSONObject().get("iat")).isEqualTo("1443208345");
    }

    @Test
    void rfc8588ExampleClaimsPassTheWholeVerificationWithACertificateForTheSigningKey() throws Exception {
        Instant signedAt = Instant.ofEpochSecond(1_443_208_345L);
        TestPki pki = new TestPki("RFC 8588", signedAt.minus(Duration.ofDays(30)), signedAt.plus(Duration.ofDays(365)));
        X509Certificate cert = pki.issue("cert.example.org", key(A2_PUBLIC), signedAt.minus(Duration.ofDays(1)),
                signedAt.plus(Duration.ofDays(90)));
        PassportVerifier verifier = new PassportVerifier(uri -> {
            assertThat(uri).hasToString("https://cert.example.org/passport.cer");
            return List.of(cert, pki.ca);
        }, new TrustAnchors(List.of(pki.ca), List.of()), Duration.ofSeconds(60));
        String identity = RFC8588_TOKEN + ";info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken";

        Verification v = verifier.verify(identity, "+1-215-555-0121", "12155550131", signedAt.plusSeconds(5));
        assertThat(v.verstat()).as(v.detail()).isEqualTo(Verstat.TN_VALIDATION_PASSED);
        assertThat(v.passport()).isEqualTo(new Passport(Attestation.A, "12155550121", List.of("12155550131"),
                1_443_208_345L, "123e4567-e89b-12d3-a456-426655440000"));
        // The same claims a day later: stale; with another signing key: the signature fails.
        assertThat(verifier.verify(identity, "12155550121", "12155550131", signedAt.plus(Duration.ofDays(1))).failure())
                .isEqualTo(StirFailure.STALE);
        X509Certificate other = pki.issue("other", key(A1_PUBLIC), signedAt.minus(Duration.ofDays(1)),
                signedAt.plus(Duration.ofDays(90)));
        Verification wrongKey = new PassportVerifier(uri -> List.of(other, pki.ca),
                new TrustAnchors(List.of(pki.ca), List.of()), Duration.ofSeconds(60))
                .verify(identity, "12155550121", "12155550131", signedAt.plusSeconds(5));
        assertThat(wrongKey.failure()).as(wrongKey.detail()).isEqualTo(StirFailure.INVALID);
    }
}
