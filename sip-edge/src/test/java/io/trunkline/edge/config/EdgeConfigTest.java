package io.trunkline.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
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
        assertThat(c.sip().port()).isEqualTo(5060);
        assertThat(c.sip().transports()).containsExactly("udp", "tcp");
        assertThat(c.cluster().name()).isEqualTo("trunkline-edge");
        assertThat(c.cluster().members()).containsExactly("127.0.0.1:5701");
        assertThat(c.events().subscribers()).as("the platform's host may subscribe").containsExactly("127.0.0.1");
        assertThat(c.events().batch()).isEqualTo(100);
        assertThat(c.peers().pbxChannels()).isEmpty();
    }

    @Test
    void theTransactionWaitIsRefusedOutsideItsRangeWithTheKeyNamed() {
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.wait-timer-ms", "500")))
                .hasMessage("sip.wait-timer-ms: 500 is not between 1000 and 32000");
        assertThat(EdgeConfig.from(props("node.id", "n", "sip.wait-timer-ms", "32000")).sip().waitTimerMs())
                .as("the RFC's values").isEqualTo(32_000);
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
        assertThat(c.sip().transports()).containsExactly("udp", "tcp", "tls");
        assertThat(c.sip().tls().port()).as("the SIP port + 1 unless set").isEqualTo(5081);
        assertThat(c.sip().tls().truststore()).as("the key store is the trust store unless set").isEqualTo(store);
        assertThat(c.sip().tls().truststorePassword()).isEqualTo("secret");
        assertThat(c.sip().tls().clientAuth()).isEqualTo("Disabled");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "sip.tls.client-auth", "maybe")))
                .hasMessageContaining("sip.tls.client-auth");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "carrier.a.transport", "sctp")))
                .hasMessageContaining("carrier.a.transport: transport 'sctp' is not udp, tcp or tls");
        assertThat(EdgeConfig.from(props("node.id", "n", "carrier.a.transport", "TLS")).peers().carriers().get(new CarrierId("a")).transport())
                .isEqualTo("tls");
    }

    @Test
    void eventSubscribersAndPbxLimitsAreRead() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n", "platform.url", "http://10.9.8.7:8080",
                "events.batch", "20", "events.batch-bytes", "100000", "pbx.hq-cucm.max-channels", "30"));
        assertThat(c.events().subscribers()).containsExactly("10.9.8.7");
        assertThat(c.events().batch()).isEqualTo(20);
        assertThat(c.events().batchBytes()).isEqualTo(100_000);
        assertThat(c.events().lingerMs()).as("default").isEqualTo(100);
        assertThat(EdgeConfig.from(props("node.id", "n", "events.linger-ms", "0")).events().lingerMs()).isZero();
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "events.linger-ms", "-5")))
                .hasMessageContaining("events.linger-ms must be 0 or more, was -5");
        assertThat(c.peers().pbxChannels()).containsExactly(java.util.Map.entry(new PbxId("hq-cucm"), 30));
        assertThat(EdgeConfig.from(props("node.id", "n", "events.subscribers", "10.0.0.5, 10.0.0.6")).events().subscribers())
                .containsExactlyInAnyOrder("10.0.0.5", "10.0.0.6");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "pbx.x.max-channels", "-1")))
                .hasMessageContaining("pbx.x.max-channels must be positive");
    }

    @Test
    void readsEveryKey() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n2", "sip.address", "10.1.1.1", "sip.port", "5080",
                "sip.transports", "TCP", "cluster.port", "5702", "cluster.members", "a:1,b:2",
                "sip.max-message-size", "8192", "sip.udp-buffer", "1048576"));
        assertThat(c.sip().address()).isEqualTo("10.1.1.1");
        assertThat(c.sip().udpBuffer()).isEqualTo(1_048_576);
        assertThat(c.sip().port()).isEqualTo(5080);
        assertThat(c.sip().transports()).containsExactly("tcp");
        assertThat(c.cluster().port()).isEqualTo(5702);
        assertThat(c.cluster().members()).containsExactly("a:1", "b:2");
        assertThat(c.sip().maxMessageSize()).isEqualTo(8192);
    }

    @Test
    void peersAreKnownBySourceAddress() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n", "pbx.hq-cucm.sources", "10.0.1.10, 127.0.0.1:5070",
                "carrier.carrier-a.sources", "203.0.113.5,127.0.0.1"));
        assertThat(c.peers().peerFor("10.0.1.10", 5060)).isEqualTo(new Peer.Pbx(new PbxId("hq-cucm")));
        assertThat(c.peers().peerFor("127.0.0.1", 5070)).as("ip:port before ip").isEqualTo(new Peer.Pbx(new PbxId("hq-cucm")));
        assertThat(c.peers().peerFor("127.0.0.1", 5099)).isEqualTo(new Peer.Carrier(new CarrierId("carrier-a")));
        assertThat(c.peers().peerFor("198.51.100.7", 5060)).isNull();
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

    @Test
    void everySettingsGroupHasItsDefaults() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "edge-a"));
        assertThat(c.sip()).isEqualTo(new SipSettings("127.0.0.1", 5060, java.util.List.of("udp", "tcp"), 16_384, 8,
                new TlsSettings(5061, null, "", null, "", "Disabled"), SipSettings.DEFAULT_UDP_BUFFER, 5_000));
        assertThat(c.cluster()).isEqualTo(new ClusterSettings("trunkline-edge", "127.0.0.1", 5701,
                java.util.List.of("127.0.0.1:5701")));
        assertThat(c.platform()).as("the node's own account by default")
                .isEqualTo(new PlatformSettings("http://127.0.0.1:8080", "edge-a", "edge-a", 250));
        assertThat(c.fallback()).isEqualTo(new FallbackSettings(java.util.List.of(), java.util.Set.of("911", "112", "999"),
                java.util.List.of()));
        assertThat(c.events().journalOf("edge-a")).isEqualTo(java.nio.file.Path.of("journal", "edge-a.journal"));
        assertThat(c.events().batchBytes()).isEqualTo(48_000);
        assertThat(c.probes()).isEqualTo(new ProbeSettings(java.util.Map.of(), 5000, 1000, 3, 2));
        assertThat(c.peers().bySource()).isEmpty();
        assertThat(c.peers().carriers()).isEmpty();
    }

    @Test
    void groupsReadTheirKeys() {
        EdgeConfig c = EdgeConfig.from(props("node.id", "n", "platform.url", "http://10.0.0.9:8080", "platform.user", "u",
                "platform.password", "p", "platform.timeout-ms", "400", "fallback.routes", "sip:10.0.0.7:5060",
                "emergency.routes", "sips:10.0.0.8", "emergency.numbers", "112", "journal.dir", "/var/edge",
                "carrier.carrier-a.probe-uri", "sip:ping@203.0.113.5", "trunk.down-after", "5",
                "carrier.carrier-a.max-channels", "30"));
        assertThat(c.platform()).isEqualTo(new PlatformSettings("http://10.0.0.9:8080", "u", "p", 400));
        assertThat(c.fallback().fallbackRoutes()).containsExactly("sip:10.0.0.7:5060");
        assertThat(c.fallback().emergencyRoutes()).containsExactly("sips:10.0.0.8");
        assertThat(c.fallback().emergencyNumbers()).containsExactly("112");
        assertThat(c.events().journalDir()).isEqualTo(java.nio.file.Path.of("/var/edge"));
        assertThat(c.probes().uris()).containsExactly(java.util.Map.entry(new CarrierId("carrier-a"), "sip:ping@203.0.113.5"));
        assertThat(c.probes().downAfter()).isEqualTo(5);
        assertThat(c.peers().carriers().get(new CarrierId("carrier-a")).maxChannels()).isEqualTo(30);
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "fallback.routes", "10.0.0.7")))
                .hasMessageContaining("fallback.routes: '10.0.0.7' is not a sip: URI");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "carrier.a.probe-uri", "http://x")))
                .hasMessageContaining("carrier.a.probe-uri");
    }

    @Test
    void peerIdsAreTheContractsIdsAndABadOneNamesItsKey() {
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "pbx.HQ.sources", "10.0.0.1")))
                .hasMessageStartingWith("pbx.HQ.sources:").hasMessageContaining("is not a PBX id");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "carrier.Carrier_A.codecs", "PCMA")))
                .hasMessageStartingWith("carrier.Carrier_A.").hasMessageContaining("is not a carrier id");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "pbx.Big.max-channels", "3")))
                .hasMessageStartingWith("pbx.Big.max-channels:");
    }

    @Test
    void securityDefaultsAreOnWithPikeLikeLimits() {
        SecuritySettings s = EdgeConfig.from(props("node.id", "n")).security();
        assertThat(s.enabled()).isTrue();
        assertThat(s.windowMs()).isEqualTo(2_000);
        assertThat(s.sourceLimit()).isEqualTo(60);
        assertThat(s.peerLimit()).isEqualTo(6_000);
        assertThat(s.banSeconds()).isEqualTo(600);
        assertThat(s.scannerAgents()).contains("friendly-scanner", "sipvicious", "sipcli", "VaxSIPUserAgent");
        assertThat(s.unknownSources()).isEqualTo(SecuritySettings.Answer.FORBID);
        assertThat(s.bannedSources()).isEqualTo(SecuritySettings.Answer.DROP);
    }

    @Test
    void securitySettingsAreRead() {
        SecuritySettings s = EdgeConfig.from(props("node.id", "n", "security.enabled", "false",
                "security.window-ms", "1000", "security.source-limit", "5", "security.peer-limit", "500",
                "security.ban-seconds", "30", "security.scanner-agents", "evil, bot", "security.sweep.users", "4",
                "security.sweep.window-ms", "3000", "security.unknown-sources", "drop",
                "security.banned-sources", "403", "security.peer-retry-after", "9")).security();
        assertThat(s).isEqualTo(new SecuritySettings(false, 1_000, 5, 500, 30, java.util.List.of("evil", "bot"),
                3_000, 4, SecuritySettings.Answer.DROP, SecuritySettings.Answer.FORBID, 9));
    }

    @Test
    void badSecurityValuesAreRefusedWithTheirKey() {
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "security.source-limit", "0")))
                .hasMessageStartingWith("security.source-limit");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "security.ban-seconds", "ten")))
                .hasMessageStartingWith("security.ban-seconds");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "security.unknown-sources", "404")))
                .hasMessage("security.unknown-sources must be 403 or drop, was 404");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "security.enabled", "yes")))
                .hasMessageStartingWith("security.enabled");
    }

    @Test
    void mediaRelaysThroughTheConfiguredInstancesWithEachPeersProfile() {
        MediaSettings none = EdgeConfig.from(props("node.id", "n")).media();
        assertThat(none.relays()).as("no rtpengine: media not relayed").isFalse();
        MediaSettings m = EdgeConfig.from(props("node.id", "n", "media.rtpengine", "127.0.0.1:2223, 10.0.0.5:2224",
                "media.ng-timeout-ms", "200", "media.on-failure", "503", "carrier.carrier-b.media.srtp", "sdes",
                "carrier.carrier-b.media.on-failure", "pass", "pbx.hq-cucm.media.ice", "keep")).media();
        assertThat(m.rtpengines()).extracting(a -> a.getHostString() + ":" + a.getPort())
                .containsExactly("127.0.0.1:2223", "10.0.0.5:2224");
        assertThat(m.ngTimeoutMs()).isEqualTo(200);
        assertThat(m.ngAttempts()).isEqualTo(2);
        assertThat(m.carrier("carrier-b")).isEqualTo(new io.trunkline.edge.media.MediaProfile(
                io.trunkline.edge.media.MediaProfile.Srtp.SDES, true, io.trunkline.edge.media.MediaProfile.OnFailure.PASS));
        assertThat(m.carrier("carrier-a").onFailure()).as("the node's default")
                .isEqualTo(io.trunkline.edge.media.MediaProfile.OnFailure.REFUSE);
        assertThat(m.pbx("hq-cucm").removeIce()).isFalse();
        assertThat(m.pbx("hq-cucm").onFailure()).isEqualTo(io.trunkline.edge.media.MediaProfile.OnFailure.REFUSE);
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "media.rtpengine", "localhost")))
                .hasMessage("media.rtpengine: 'localhost' is not host:port");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "carrier.x.media.srtp", "dtls")))
                .hasMessage("carrier.x.media.srtp: 'dtls' is not as-offered, sdes or rtp");
        assertThatThrownBy(() -> EdgeConfig.from(props("node.id", "n", "media.on-failure", "drop")))
                .hasMessage("media.on-failure: 'drop' is not pass or 503");
    }
}
