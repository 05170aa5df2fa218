package io.trunkline.edge.config;

import io.trunkline.edge.stir.SigningKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * STIR/SHAKEN (keys {@code stir.*}, see the module README). Signing is configured by a PKCS#12 key store
 * ({@code stir.sign.keystore}, {@code stir.sign.keystore-password}, optional {@code stir.sign.alias}) and the HTTPS URL
 * its certificate is published at ({@code stir.sign.x5u}); the key store is read here, at start, so a node whose key
 * store cannot be opened or whose key does not match its certificate does not start (the message names the file).
 * Verification is configured by the STI-CA trust anchors ({@code stir.verify.trust-anchors}, a PEM file), the hosts
 * x5u may name ({@code stir.verify.x5u-hosts}, {@code *.domain} allowed), those of them that may resolve to internal
 * addresses ({@code stir.verify.private-hosts}), the freshness window ({@code stir.verify.freshness-seconds}) and,
 * when the x5u servers' TLS certificates are not issued by a CA of the JDK's trust store, the CAs to trust for them
 * ({@code stir.verify.https-trust}, a PEM file); revocation is checked against the CRLs of {@code stir.verify.crls}
 * (PEM or DER) when it names a file.
 *
 * @param httpsTrust  the CAs trusted for fetching x5u over HTTPS; empty: the JDK's trust store
 * @param signing     the key and chain, when signing is configured
 * @param anchors     the trust anchors, empty when verification is not configured
 * @param warningDays how long before its certificate expires the node warns
 * @param crls        the revocation lists signing certificates are checked against; empty: revocation not checked
 */
public record StirSettings(Optional<SigningKeys> signing, URI x5u, List<X509Certificate> anchors, Set<String> x5uHosts,
                           Set<String> privateHosts, int freshnessSeconds, int warningDays,
                           List<X509Certificate> httpsTrust, List<X509CRL> crls) {

    public StirSettings {
        anchors = List.copyOf(anchors);
        crls = List.copyOf(crls);
        httpsTrust = List.copyOf(httpsTrust);
        x5uHosts = Set.copyOf(x5uHosts);
        privateHosts = Set.copyOf(privateHosts);
    }

    public boolean verifying() {
        return !anchors.isEmpty();
    }

    static StirSettings from(Properties p) {
        String keystore = Props.text(p, "stir.sign.keystore", "");
        Optional<SigningKeys> signing = Optional.empty();
        URI x5u = null;
        if (!keystore.isEmpty()) {
            String x5uText = Props.required(p, "stir.sign.x5u");
            x5u = https(x5uText, "stir.sign.x5u");
            signing = Optional.of(SigningKeys.load(Path.of(keystore), p.getProperty("stir.sign.keystore-password", ""),
                    Props.text(p, "stir.sign.alias", "")));
        }
        String anchorsFile = Props.text(p, "stir.verify.trust-anchors", "");
        List<X509Certificate> anchors = anchorsFile.isEmpty() ? List.of() : certificates(Path.of(anchorsFile), "stir.verify.trust-anchors");
        Set<String> hosts = Set.copyOf(Props.csv(p.getProperty("stir.verify.x5u-hosts")));
        String httpsTrustFile = Props.text(p, "stir.verify.https-trust", "");
        if (!anchors.isEmpty() && hosts.isEmpty()) {
            throw new IllegalArgumentException("stir.verify.x5u-hosts is required with stir.verify.trust-anchors: the hosts"
                    + " whose certificates the node may fetch");
        }
        return new StirSettings(signing, x5u, anchors, hosts, Set.copyOf(Props.csv(p.getProperty("stir.verify.private-hosts"))),
                Props.positive(p, "stir.verify.freshness-seconds", 60), Props.positive(p, "stir.sign.expiry-warning-days", 30),
                httpsTrustFile.isEmpty() ? List.of() : certificates(Path.of(httpsTrustFile), "stir.verify.https-trust"),
                crls(Props.text(p, "stir.verify.crls", "")));
    }

    private static List<X509CRL> crls(String file) {
        if (file.isEmpty()) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            List<X509CRL> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                out.add((X509CRL) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("stir.verify.crls: " + file + " holds no CRL");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("stir.verify.crls: " + file + " is not readable (" + e + ")", e);
        } catch (java.security.cert.CRLException | CertificateException e) {
            throw new IllegalArgumentException("stir.verify.crls: " + file + " is not a PEM or DER CRL file ("
                    + e.getMessage() + ")", e);
        }
    }

    private static URI https(String text, String key) {
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an https URL, was " + text);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + text, e);
        }
    }

    private static List<X509Certificate> certificates(Path file, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(key + ": " + file + " holds no certificate");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not readable (" + e + ")", e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not a PEM or DER certificate file ("
                    + e.getMessage() + ")", e);
        }
    }
}
