package io.trunkline.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.E164Number;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CarrierProfileTest {

    private static Map<CarrierId, CarrierProfile> read(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return CarrierProfile.read(p);
    }

    @Test
    void numbersInEachCarriersFormat() {
        Map<CarrierId, CarrierProfile> profiles = read("carrier.uk-telco.number-format", "NATIONAL",
                "carrier.old-switch.number-format", "INTERNATIONAL_00", "carrier.bare.number-format", "e164_no_plus");
        assertThat(profiles.get(new CarrierId("uk-telco")).format("+442071234567")).isEqualTo("02071234567");
        assertThat(profiles.get(new CarrierId("uk-telco")).format("+12125551234")).isEqualTo("2125551234");
        assertThat(profiles.get(new CarrierId("old-switch")).format("+442071234567")).isEqualTo("00442071234567");
        assertThat(profiles.get(new CarrierId("bare")).format("+442071234567")).isEqualTo("442071234567");
        assertThat(profiles.get(new CarrierId("uk-telco")).format("911")).as("short codes stay").isEqualTo("911");
        assertThat(CarrierProfile.DEFAULT.format("+442071234567")).isEqualTo("+442071234567");
        assertThat(profiles.get(new CarrierId("old-switch")).format(new E164Number("+12125551234"))).isEqualTo("0012125551234");
        assertThat(profiles.get(new CarrierId("bare")).format("2001")).as("extensions stay").isEqualTo("2001");
    }

    @Test
    void sdpIsFilteredToTheCarriersCodecs() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.0.1.20\r\ns=-\r\nc=IN IP4 10.0.1.20\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0 8 18 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:18 G729/8000\r\n"
                + "a=fmtp:18 annexb=no\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n";
        String filtered = read("carrier.c.codecs", "PCMA, telephone-event").get(new CarrierId("c")).filterSdp(offer);
        assertThat(filtered).contains("m=audio 4000 RTP/AVP 8 101\r\n").contains("a=rtpmap:101 telephone-event/8000")
                .contains("a=fmtp:101 0-16").doesNotContain("G729").doesNotContain("PCMU").doesNotContain("fmtp:18");
        assertThat(CarrierProfile.DEFAULT.filterSdp(offer)).isEqualTo(offer);
    }

    @Test
    void badProfilesNameTheirKey() {
        assertThatThrownBy(() -> read("carrier.x.number-format", "ROMAN"))
                .hasMessageStartingWith("carrier.x.number-format:").hasMessageContaining("ROMAN");
        assertThatThrownBy(() -> read("carrier.x.add-headers", "X-Account"))
                .hasMessageContaining("carrier.x.add-headers: 'X-Account' is not 'Name: value'");
        assertThat(read("carrier.x.add-headers", "X-Account: 42|X-Route: eu").get(new CarrierId("x")).addHeaders())
                .containsEntry("X-Account", "42").containsEntry("X-Route", "eu");
    }
}
