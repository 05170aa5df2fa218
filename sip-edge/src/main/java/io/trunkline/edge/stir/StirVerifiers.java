package io.trunkline.edge.stir;

import io.trunkline.edge.config.StirSettings;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The node's verifier as its {@code stir.verify.*} settings describe it. */
public final class StirVerifiers {

    /** How long a certificate fetch may take: the call waits for it. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    /** How long a certificate is kept when its answer says nothing (Cache-Control), and at most. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final Duration MAX_TTL = Duration.ofHours(24);
    static final int MAX_BYTES = 16_384;
    static final int MAX_ENTRIES = 1_000;

    private StirVerifiers() {
    }

    public static PassportVerifier of(StirSettings s) {
        HttpClient.Builder http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(FETCH_TIMEOUT);
        if (!s.httpsTrust().isEmpty()) {
            http.sslContext(trusting(s.httpsTrust()));
        }
        CertificateSource certificates = new HttpsCertificateSource(s.x5uHosts(), s.privateHosts(), http.build(),
                FETCH_TIMEOUT, DEFAULT_TTL, MAX_TTL, MAX_BYTES, MAX_ENTRIES, Clock.systemUTC());
        return new PassportVerifier(certificates, new TrustAnchors(s.anchors(), s.crls()),
                Duration.ofSeconds(s.freshnessSeconds()));
    }

    private static SSLContext trusting(List<X509Certificate> cas) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("stir.verify.https-trust: " + e.getMessage(), e);
        }
    }
}
