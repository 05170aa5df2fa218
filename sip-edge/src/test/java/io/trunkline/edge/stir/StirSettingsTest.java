package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.edge.config.EdgeConfig;
import io.trunkline.edge.config.StirSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code stir.*} keys: the key store read at start, and every refusal naming its key or file. */
class StirSettingsTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static KeyPair keys;
    static X509Certificate cert;
    static Path good;
    static Path mismatched;
    static Path anchors;

    @BeforeAll
    static void files() throws Exception {
        pki = new TestPki("settings");
        keys = TestPki.keys();
        cert = pki.issue("edge-1", keys);
        good = TestPki.store(dir.resolve("good.p12"), "secret", "shaken", keys.getPrivate(), cert, pki.ca);
        mismatched = TestPki.store(dir.resolve("mismatched.p12"), "secret", "shaken", TestPki.keys().getPrivate(), cert,
                pki.ca);
        anchors = dir.resolve("anchors.pem");
        Files.writeString(anchors, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pki.ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    private static StirSettings stir(Map<String, String> keys) {
        Properties p = new Properties();
        p.setProperty("node.id", "edge-1");
        p.putAll(keys);
        return EdgeConfig.from(p).stir();
    }

    @Test
    void withoutKeysTheNodeNeitherSignsNorVerifies() {
        StirSettings s = stir(Map.of());
        assertThat(s.signing()).isEmpty();
        assertThat(s.verifying()).isFalse();
        assertThat(s.freshnessSeconds()).isEqualTo(60);
        assertThat(s.warningDays()).isEqualTo(30);
    }

    @Test
    void aGoodKeyStoreAndAnchorsAreReadAtStart() {
        StirSettings s = stir(Map.of("stir.sign.keystore", good.toString(), "stir.sign.keystore-password", "secret",
                "stir.sign.x5u", "https://sti.example.com/edge-1.pem", "stir.verify.trust-anchors", anchors.toString(),
                "stir.verify.x5u-hosts", "sti.example.com,*.carrier.example"));
        assertThat(s.signing()).get().extracting(SigningKeys::certificate).isEqualTo(cert);
        assertThat(s.anchors()).containsExactly(pki.ca);
        assertThat(s.x5uHosts()).containsExactlyInAnyOrder("sti.example.com", "*.carrier.example");
    }

    @Test
    void aKeyStoreThatCannotBeOpenedOrDoesNotMatchItsCertificateIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> stir(Map.of("stir.sign.keystore", good.toString(), "stir.sign.keystore-password",
                "wrong", "stir.sign.x5u", "https://sti.example.com/c.pem")))
                .hasMessageContaining(good.toString()).hasMessageContaining("password");
        assertThatThrownBy(() -> stir(Map.of("stir.sign.keystore", mismatched.toString(), "stir.sign.keystore-password",
                "secret", "stir.sign.x5u", "https://sti.example.com/c.pem")))
                .hasMessageContaining(mismatched.toString()).hasMessageContaining("does not match");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> stir(Map.of("stir.sign.keystore", missing.toString(), "stir.sign.x5u",
                "https://sti.example.com/c.pem"))).hasMessageContaining(missing.toString());
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertThatThrownBy(() -> stir(Map.of("stir.sign.keystore", good.toString(), "stir.sign.keystore-password",
                "secret"))).hasMessageContaining("stir.sign.x5u is required");
        assertThatThrownBy(() -> stir(Map.of("stir.sign.keystore", good.toString(), "stir.sign.keystore-password",
                "secret", "stir.sign.x5u", "http://sti.example.com/c.pem"))).hasMessageContaining("stir.sign.x5u must be an https URL");
        assertThatThrownBy(() -> stir(Map.of("stir.verify.trust-anchors", anchors.toString())))
                .hasMessageContaining("stir.verify.x5u-hosts is required");
        assertThatThrownBy(() -> stir(Map.of("stir.verify.trust-anchors", good.toString(), "stir.verify.x5u-hosts", "a")))
                .hasMessageContaining("stir.verify.trust-anchors").hasMessageContaining(good.toString());
        assertThatThrownBy(() -> stir(Map.of("stir.verify.freshness-seconds", "0")))
                .hasMessageContaining("stir.verify.freshness-seconds must be positive");
        assertThatThrownBy(() -> stir(Map.of("stir.verify.crls", anchors.toString())))
                .as("a certificate file is no CRL file").hasMessageContaining("stir.verify.crls")
                .hasMessageContaining(anchors.toString());
    }
}
