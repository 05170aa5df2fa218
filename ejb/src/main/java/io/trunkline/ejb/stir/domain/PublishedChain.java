package io.trunkline.ejb.stir.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A signing certificate chain as the platform publishes it for verifiers: PEM text, the signing certificate first
 * with an EC P-256 key (ES256, RFC 8588), each certificate issued by the next. Read from what an operator uploads,
 * refused with the reason when it is not that.
 */
public record PublishedChain(String name, String pem, String subject, Instant notAfter) {

    /** A chain's name: what its URL ends with, {@code /stir/certs/<name>.pem}. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Larger than any real chain of a few certificates; a verifier's fetch limit is of this order too. */
    public static final int MAX_BYTES = 16_384;

    /** Reads an uploaded chain; {@link IllegalArgumentException} saying what is wrong with it. */
    public static PublishedChain read(String name, String pem) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the body must hold the PEM certificate chain, signing certificate first");
        }
        if (pem.length() > MAX_BYTES) {
            throw new IllegalArgumentException("the chain is longer than " + MAX_BYTES + " characters");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no '-----BEGIN CERTIFICATE-----' block: the body must be PEM");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable PEM certificate chain: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the PEM holds no certificate");
        }
        X509Certificate signer = chain.get(0);
        if (!(signer.getPublicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("the first certificate's key is not an EC P-256 key (SHAKEN signs with ES256)");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                throw new IllegalArgumentException("certificate " + (i + 2) + " (" + chain.get(i + 1).getSubjectX500Principal()
                        + ") did not issue certificate " + (i + 1) + ": put the chain in order, signing certificate first");
            }
        }
        return new PublishedChain(name, pem.strip() + "\n", signer.getSubjectX500Principal().getName(),
                signer.getNotAfter().toInstant());
    }
}
