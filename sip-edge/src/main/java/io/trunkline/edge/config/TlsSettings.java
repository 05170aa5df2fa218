package io.trunkline.edge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * SIP over TLS (RFC 3261 §26.2): its own port; the node's certificate, and the CAs it trusts for carriers and
 * PBXs (by default the same store). Keys {@code sip.tls-port}, {@code sip.tls.*}.
 *
 * @param keystore the node's PKCS#12 key store, or null without TLS
 */
public record TlsSettings(int port, Path keystore, String keystorePassword, Path truststore,
                          String truststorePassword, String clientAuth) {

    private static final Set<String> CLIENT_AUTH = Set.of("Enabled", "Want", "Disabled");

    static TlsSettings from(Properties p, int sipPort, boolean required) {
        int port = Props.port(p, "sip.tls-port", sipPort + 1);
        String keystore = Props.text(p, "sip.tls.keystore", "");
        if (required && keystore.isEmpty()) {
            throw new IllegalArgumentException("sip.tls.keystore is required when sip.transports has tls");
        }
        Path keys = keystore.isEmpty() ? null : Path.of(keystore);
        if (keys != null && !Files.isReadable(keys)) {
            throw new IllegalArgumentException("sip.tls.keystore: " + keystore + " is not a readable file");
        }
        String keyPassword = p.getProperty("sip.tls.keystore-password", "");
        String truststore = Props.text(p, "sip.tls.truststore", keystore);
        String clientAuth = Props.text(p, "sip.tls.client-auth", "Disabled");
        if (!CLIENT_AUTH.contains(clientAuth)) {
            throw new IllegalArgumentException("sip.tls.client-auth: '" + clientAuth + "' is not one of " + CLIENT_AUTH);
        }
        return new TlsSettings(port, keys, keyPassword, truststore.isEmpty() ? null : Path.of(truststore),
                p.getProperty("sip.tls.truststore-password", keyPassword), clientAuth);
    }
}
