package io.trunkline.ejb.stir.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the platform publishes at an x5u URL, and what it refuses to (fixtures made with OpenSSL, valid to 2036). */
class PublishedChainTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = PublishedChainTest.class.getResourceAsStream("/stir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aP256SigningCertificateFollowedByItsIssuerIsPublished() throws IOException {
        PublishedChain c = PublishedChain.read("edge-1", fixture("chain.pem"));
        assertThat(c.subject()).isEqualTo("CN=edge-1 SHAKEN");
        assertThat(c.notAfter()).isAfter(java.time.Instant.parse("2036-01-01T00:00:00Z"));
        assertThat(c.pem()).startsWith("-----BEGIN CERTIFICATE-----").endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void whatIsNotASigningChainIsRefusedSayingWhy() throws IOException {
        assertThatThrownBy(() -> PublishedChain.read("edge-1", fixture("rsa.pem")))
                .hasMessageContaining("not an EC P-256 key");
        assertThatThrownBy(() -> PublishedChain.read("edge-1", fixture("reversed.pem")))
                .hasMessageContaining("did not issue certificate 1").hasMessageContaining("signing certificate first");
        assertThatThrownBy(() -> PublishedChain.read("edge-1", "hello"))
                .hasMessageContaining("must be PEM");
        assertThatThrownBy(() -> PublishedChain.read("edge-1", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .hasMessageContaining("not a readable PEM certificate chain");
        assertThatThrownBy(() -> PublishedChain.read("edge-1", " ")).hasMessageContaining("must hold the PEM");
        assertThatThrownBy(() -> PublishedChain.read("Edge 1", fixture("chain.pem"))).hasMessageStartingWith("name");
        assertThatThrownBy(() -> PublishedChain.read("../etc", fixture("chain.pem"))).hasMessageStartingWith("name");
        assertThatThrownBy(() -> PublishedChain.read("edge-1", fixture("chain.pem").repeat(20)))
                .hasMessageContaining("longer than");
    }
}
