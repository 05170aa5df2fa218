package io.trunkline.edge.stir;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The STI-CAs the verifier trusts, and the check of a signer's chain to one of them with the JDK's PKIX validator
 * (RFC 5280 path validation: signatures, validity at the time of the call, basic constraints, key usage). CRLs are
 * checked when some are configured; without any, revocation is not checked (SHAKEN's STI-CR is by URL in each
 * certificate, and fetching it per call is not done here).
 */
public final class TrustAnchors {

    private final Set<TrustAnchor> anchors;
    private final List<X509CRL> crls;

    public TrustAnchors(List<X509Certificate> roots, List<X509CRL> crls) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one STI-CA trust anchor is needed to verify");
        }
        this.anchors = roots.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        this.crls = List.copyOf(crls);
    }

    /** @throws StirException {@link StirFailure#UNSUPPORTED_CREDENTIAL} saying why the chain is not trusted */
    public void validate(List<X509Certificate> chain, Instant at) throws StirException {
        if (chain.isEmpty()) {
            throw new StirException(StirFailure.BAD_INFO, "no certificate at x5u");
        }
        try {
            List<X509Certificate> path = new ArrayList<>(chain);
            // A chain that ends with the anchor itself: PKIX wants the path without it.
            path.removeIf(c -> anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c)) && path.size() > 1);
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(at));
            params.setRevocationEnabled(!crls.isEmpty());
            if (!crls.isEmpty()) {
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            }
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "certificate not trusted: "
                    + (e.getReason() == null ? "" : e.getReason() + ": ") + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new StirException(StirFailure.UNSUPPORTED_CREDENTIAL, "certificate chain unusable: " + e.getMessage());
        }
    }
}
