package io.trunkline.edge.stir;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs SHAKEN PASSporTs with the node's ES256 key: the protected header {@code {"alg":"ES256","ppt":"shaken",
 * "typ":"passport","x5u":...}} is the same for every call, built once, its members in lexicographic order as RFC 8225
 * §9 asks (the library serializes the JSON; the order is given by the map).
 */
public final class PassportSigner {

    private final URI x5u;
    private final JWSHeader header;
    private final JWSSigner signer;

    public PassportSigner(ECPrivateKey key, URI x5u) {
        this.x5u = x5u;
        try {
            this.signer = new ECDSASigner(key);
            Map<String, Object> h = new TreeMap<>();
            h.put("alg", "ES256");
            h.put("ppt", "shaken");
            h.put("typ", "passport");
            h.put("x5u", x5u.toString());
            this.header = JWSHeader.parse(Base64URL.encode(JSONObjectUtils.toJSONString(h)));
        } catch (JOSEException | ParseException e) {
            throw new IllegalArgumentException("the signing key is not an ES256 (P-256) key: " + e.getMessage(), e);
        }
    }

    /** The Identity header value (RFC 8224 §4.1) for {@code passport}. */
    public String identity(Passport passport) {
        JWSObject jws = new JWSObject(header, new Payload(passport.claims()));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return new IdentityHeader(jws.serialize(), x5u.toString(), "ES256", "shaken").value();
    }
}
