package io.trunkline.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.config.SecuritySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerDetectorTest {

    private final ScannerDetector detector = new ScannerDetector(SecuritySettings.DEFAULT_SCANNERS);

    @Test
    void knownScannersAreRecognisedWhateverTheirVersionAndCase() {
        assertThat(detector.match("friendly-scanner")).isEqualTo("friendly-scanner");
        assertThat(detector.match("sipvicious 0.3.4")).isEqualTo("sipvicious");
        assertThat(detector.match("SIPVicious")).isEqualTo("sipvicious");
        assertThat(detector.match("VaxSIPUserAgent/3.1")).isEqualTo("vaxsipuseragent");
        assertThat(detector.match("sipcli/v1.8")).isEqualTo("sipcli");
    }

    @Test
    void ordinaryAgentsAndNoAgentPass() {
        assertThat(detector.match("Cisco-SIPGateway/IOS-15.x")).isNull();
        assertThat(detector.match("Asterisk PBX 20.5.0")).isNull();
        assertThat(detector.match("")).isNull();
        assertThat(detector.match(null)).isNull();
    }

    @Test
    void theListIsTheConfiguredOne() {
        ScannerDetector own = new ScannerDetector(List.of("evil-bot", " "));
        assertThat(own.match("Evil-Bot 2")).isEqualTo("evil-bot");
        assertThat(own.match("friendly-scanner")).isNull();
    }
}
