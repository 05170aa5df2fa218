package io.trunkline.edge.stir;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import io.trunkline.contract.telecom.Attestation;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Verifies an inbound call's {@code Identity} (RFC 8224 §6.2, ATIS-1000074 §5.3): the header and its token's form,
 * the protected header ({@code alg} ES256, {@code ppt} shaken, {@code x5u} the same as {@code info}), the claims
 * (every SHAKEN claim present and typed as specified: {@code iat} a number, {@code attest} A/B/C, {@code origid} a
 * UUID), the freshness of {@code iat}, {@code orig} against the caller's number and {@code dest} against the called
 * one, then the certificate at {@code x5u} chained to the trust anchors at the time of the call, and last the
 * signature with that certificate's key. The cheap checks come first, so a forged or stale token costs no fetch.
 * Nothing escapes as an exception: every failure is a {@link Verification} with its {@link StirFailure}.
 */
public final class PassportVerifier {

    private final CertificateSource certificates;
    private final TrustAnchors anchors;
    private final Duration freshness;

    /** @param freshness how far {@code iat} may be from now either way (60 s by default, ATIS-1000074 §5.3.1) */
    public PassportVerifier(CertificateSource certificates, TrustAnchors anchors, Duration freshness) {
        this.certificates = certificates;
        this.anchors = anchors;
        this.freshness = freshness;
    }

    /**
     * @param identity the Identity header's value, or null when the call has none
     * @param caller   the calling number (From or P-Asserted-Identity user part)
     * @param called   the called number (Request-URI or To user part)
     */
    public Verification verify(String identity, String caller, String called, Instant now) {
        if (identity == null) {
            return Verification.absent();
        }
        Passport passport = null;
        try {
            IdentityHeader header = IdentityHeader.parse(identity);
            JWSObject jws = parseToken(header);
            passport = claims(jws);
            checkTime(passport, now);
            checkNumbers(passport, caller, called);
            URI x5u = x5u(jws, header);
            List<X509Certificate> chain = certificates.chainAt(x5u);
            anchors.validate(chain, now);
            checkScope(chain.get(0), passport.orig());
            checkSignature(jws, chain.get(0));
            return Verification.passed(passport);
        } catch (StirException e) {
            return Verification.failed(e, passport);
        } catch (RuntimeException e) {
            // Whatever a hostile token finds in the libraries: a failed verification, never a failed call path.
            return Verification.failed(new StirException(StirFailure.INVALID, "unreadable token: " + e), passport);
        }
    }

    private static JWSObject parseToken(IdentityHeader header) throws StirException {
        if (header.ppt() != null && !"shaken".equals(header.ppt())) {
            throw new StirException(StirFailure.INVALID, "ppt " + header.ppt() + " is not shaken");
        }
        if (!"ES256".equals(header.alg())) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "alg " + header.alg() + " (ES256 only)");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(header.token());
        } catch (ParseException e) {
            // An unsecured token ("alg":"none") is not a JWS at all, and is refused here with the malformed.
            throw new StirException(StirFailure.INVALID, "not a JWS: " + e.getMessage());
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL,
                    "token signed with " + jws.getHeader().getAlgorithm() + " (ES256 only)");
        }
        Object ppt = jws.getHeader().getCustomParam("ppt");
        if (!"shaken".equals(ppt)) {
            throw new StirException(StirFailure.INVALID, "token's ppt is " + ppt + ", not shaken");
        }
        if (jws.getHeader().getType() != null && !"passport".equals(jws.getHeader().getType().getType())) {
            throw new StirException(StirFailure.INVALID, "token's typ is " + jws.getHeader().getType() + ", not passport");
        }
        return jws;
    }

    private static Passport claims(JWSObject jws) throws StirException {
        Map<String, Object> c = jws.getPayload().toJSONObject();
        if (c == null) {
            throw new StirException(StirFailure.INVALID, "the claims are not a JSON object");
        }
        Object attest = c.get("attest");
        Object iat = c.get("iat");
        Object origid = c.get("origid");
        String orig = tnOf(c.get("orig"), "orig");
        List<String> dest = tnsOf(c.get("dest"));
        if (!(iat instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())) {
            throw new StirException(StirFailure.INVALID, "iat must be a number of seconds, was " + describe(iat));
        }
        if (!(attest instanceof String a)) {
            throw new StirException(StirFailure.INVALID, "attest missing or not a string");
        }
        try {
            return new Passport(Attestation.of(a), orig, dest, n.longValue(), origid instanceof String s ? s : null);
        } catch (IllegalArgumentException e) {
            throw new StirException(StirFailure.INVALID, "claims: " + e.getMessage());
        }
    }

    private static String tnOf(Object member, String name) throws StirException {
        if (member instanceof Map<?, ?> m && m.get("tn") instanceof String tn) {
            return tn;
        }
        throw new StirException(StirFailure.INVALID, name + " must be an object with a tn string");
    }

    private static List<String> tnsOf(Object member) throws StirException {
        if (member instanceof Map<?, ?> m && m.get("tn") instanceof List<?> tns && !tns.isEmpty()
                && tns.stream().allMatch(t -> t instanceof String)) {
            return tns.stream().map(String.class::cast).toList();
        }
        throw new StirException(StirFailure.INVALID, "dest must be an object with a non-empty tn array");
    }

    private static String describe(Object value) {
        return value == null ? "missing" : value instanceof String s ? "the string \"" + s + "\"" : String.valueOf(value);
    }

    private void checkTime(Passport p, Instant now) throws StirException {
        long age = now.getEpochSecond() - p.iat();
        if (Math.abs(age) > freshness.toSeconds()) {
            throw new StirException(StirFailure.STALE, age > 0 ? "iat " + age + " s old (at most "
                    + freshness.toSeconds() + " s)" : "iat " + -age + " s in the future");
        }
    }

    private static void checkNumbers(Passport p, String caller, String called) throws StirException {
        String from = Tn.canonical(caller);
        if (from == null || !from.equals(p.orig())) {
            throw new StirException(StirFailure.INVALID, "orig " + p.orig() + " is not the caller " + caller);
        }
        String to = Tn.canonical(called);
        if (to == null || !p.dest().contains(to)) {
            throw new StirException(StirFailure.INVALID, "dest " + p.dest() + " does not hold the called " + called);
        }
    }

    private static URI x5u(JWSObject jws, IdentityHeader header) throws StirException {
        URI x5u = jws.getHeader().getX509CertURL();
        if (x5u == null) {
            throw new StirException(StirFailure.BAD_INFO, "the token has no x5u");
        }
        try {
            if (!new URI(header.info()).equals(x5u)) {
                throw new StirException(StirFailure.BAD_INFO, "info <" + header.info() + "> is not the token's x5u " + x5u);
            }
        } catch (URISyntaxException e) {
            throw new StirException(StirFailure.BAD_INFO, "info is not a URI: " + header.info());
        }
        return x5u;
    }

    /** RFC 8226 §9: a certificate that lists numbers may sign only for them. */
    private static void checkScope(X509Certificate signer, String orig) throws StirException {
        try {
            java.util.Optional<TnAuthList> list = TnAuthList.of(signer);
            if (list.isPresent() && !list.get().covers(orig)) {
                throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "orig " + orig
                        + " is outside the certificate's TN authorization list");
            }
        } catch (IllegalArgumentException e) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "unreadable TN authorization list: "
                    + e.getMessage());
        }
    }

    private static void checkSignature(JWSObject jws, X509Certificate signer) throws StirException {
        if (!(signer.getPublicKey() instanceof ECPublicKey key)) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "the certificate's key is not an EC key");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(key))) {
                throw new StirException(StirFailure.INVALID, "the signature does not verify with the certificate's key");
            }
        } catch (JOSEException e) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "the certificate's key cannot verify ES256: "
                    + e.getMessage());
        }
    }
}
