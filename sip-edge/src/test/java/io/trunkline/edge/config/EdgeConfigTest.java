package io.trunkline.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EdgeConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsApplyToEverythingButTheNodeId() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "edge-a"));
        assertThat(c.nodeId()).isEqualTo("edge-a");
        assertThat(c.sipPort()).isEqualTo(5060);
        assertThat(c.sipTransports()).containsExactly("udp", "tcp");
        assertThat(c.clusterName()).isEqualTo("trunkline-edge");
        assertThat(c.clusterMembers()).containsExactly("127.0.0.1:5701");
        assertThat(c.eventSubscribers()).as("the platform's host may subscribe").containsExactly("127.0.0.1");
        assertThat(c.eventBatch()).isEqualTo(100);
        assertThat(c.pbxChannels()).isEmpty();
    }

    @Test
    void tlsNeedsAKeyStoreAndHasItsOwnPort(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.transports", "udp,tls")))
                .hasMessage("sip.tls.keystore is required when sip.transports has tls");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.transports", "tls",
                "sip.tls.keystore", dir.resolve("missing.p12").toString()))).hasMessageContaining("is not a readable file");
        java.nio.file.Path store = java.nio.file.Files.writeString(dir.resolve("edge.p12"), "x");
        EdgeConfig c = EdgeConfig.from(props("node.id", "n", "sip.port", "5080", "sip.transports", "udp,tcp,tls",
                "sip.tls.keystore", store.toString(), "sip.tls.keystore-password", "secret"));
        assertThat(c.sipTransports()).containsExactly("udp", "tcp", "tls");
        assertThat(c.tlsPort()).as("the SIP port + 1 unless set").isEqualTo(5081);
        assertThat(c.tlsTruststore()).as("the key store is the trust store unless set").isEqualTo(store);
        assertThat(c.tlsTruststorePassword()).isEqualTo("secret");
        assertThat(c.tlsClientAuth()).isEqualTo("Disabled");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.tls.client-auth", "maybe")))
                .hasMessageContaining("sip.tls.client-auth");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "carrier.a.transport", "sctp")))
                .hasMessageContaining("carrier.a.transport: transport 'sctp' is not udp, tcp or tls");
        assertThat(EdgeConfig.from(props("node.id", "n", "carrier.a.transport", "TLS")).carrierProfiles().get("a").transport())
                .isEqualTo("tls");
    }

    @Test
    void eventSubscribersAndPbxLimitsAreRead() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n", "platform.url", "http://10.9.8.7:8080",
                "events.batch", "20", "events.batch-bytes", "100000", "pbx.hq-cucm.max-channels", "30"));
        assertThat(c.eventSubscribers()).containsExactly("10.9.8.7");
        assertThat(c.eventBatch()).isEqualTo(20);
        assertThat(c.eventBatchBytes()).isEqualTo(100_000);
        assertThat(c.pbxChannels()).containsExactly(java.util.Map.entry("hq-cucm", 30));
        assertThat(EdgeConfig.from(props("node.id", "n", "events.subscribers", "10.0.0.5, 10.0.0.6")).eventSubscribers())
                .containsExactlyInAnyOrder("10.0.0.5", "10.0.0.6");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "pbx.x.max-channels", "-1")))
                .hasMessageContaining("pbx.x.max-channels must be positive");
    }

    @Test
    void readsEveryKey() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n2", "sip.address", "10.1.1.1", "sip.port", "5080",
                "sip.transports", "TCP", "cluster.port", "5702", "cluster.members", "a:1,b:2",
                "sip.max-message-size", "8192"));
        assertThat(c.sipAddress()).isEqualTo("10.1.1.1");
        assertThat(c.sipPort()).isEqualTo(5080);
        assertThat(c.sipTransports()).containsExactly("tcp");
        assertThat(c.clusterPort()).isEqualTo(5702);
        assertThat(c.clusterMembers()).containsExactly("a:1", "b:2");
        assertThat(c.maxMessageSize()).isEqualTo(8192);
    }

    @Test
    void peersAreKnownBySourceAddress() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n", "pbx.hq-cucm.sources", "10.0.1.10, 127.0.0.1:5070",
                "carrier.carrier-a.sources", "203.0.113.5,127.0.0.1"));
        assertThat(c.peerFor("10.0.1.10", 5060)).isEqualTo(new Peer(Peer.Kind.PBX, "hq-cucm"));
        assertThat(c.peerFor("127.0.0.1", 5070)).as("ip:port before ip").isEqualTo(new Peer(Peer.Kind.PBX, "hq-cucm"));
        assertThat(c.peerFor("127.0.0.1", 5099)).isEqualTo(new Peer(Peer.Kind.CARRIER, "carrier-a"));
        assertThat(c.peerFor("198.51.100.7", 5060)).isNull();
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "pbx.a.sources", "10.0.0.1",
                "carrier.b.sources", "10.0.0.1"))).hasMessageContaining("is already");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> EdgeConfig.from(props())).hasMessage("node.id is required");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.port", "x")))
                .hasMessageContaining("sip.port is not a number");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.port", "70000")))
                .hasMessageContaining("sip.port must be a port");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.transports", "sctp")))
                .hasMessageContaining("unknown transport 'sctp'");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "cluster.members", "nohost")))
                .hasMessageStartingWith("cluster.members:");
    }
}
