package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 8226 TN Authorization Lists as real certificates carry them (explicit tags), read back and applied. */
class TnAuthListTest {

    static TestPki pki;
    static KeyPair keys;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki("TN auth");
        keys = TestPki.keys();
    }

    @Test
    void anSpcOnlyCertificateScopesTheHolderNotNumbers() throws Exception {
        TnAuthList list = TnAuthList.of(pki.issueWithTnAuth("spc", keys, TestPki.spc("709J"))).orElseThrow();
        assertThat(list.spcs()).containsExactly("709J");
        assertThat(list.covers("12155551212")).isTrue();
    }

    @Test
    void listedNumbersAndRangesAreTheOnlyOnesCovered() throws Exception {
        X509Certificate cert = pki.issueWithTnAuth("numbers", keys, TestPki.one("12155551212"),
                TestPki.range("12125550100", 100));
        TnAuthList list = TnAuthList.of(cert).orElseThrow();
        assertThat(list.covers("12155551212")).isTrue();
        assertThat(list.covers("12125550100")).isTrue();
        assertThat(list.covers("12125550199")).isTrue();
        assertThat(list.covers("12125550200")).as("one past the range").isFalse();
        assertThat(list.covers("12125550099")).isFalse();
        assertThat(list.covers("112125550150")).as("more digits").isFalse();
        assertThat(list.covers("12155551213")).isFalse();
    }

    @Test
    void aCertificateWithoutTheExtensionHasNoList() throws Exception {
        assertThat(TnAuthList.of(pki.issue("plain", keys))).isEmpty();
    }
}
