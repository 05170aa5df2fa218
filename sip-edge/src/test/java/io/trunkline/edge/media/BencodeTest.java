package io.trunkline.edge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeTest {

    private static String encoded(Object value) {
        return new String(Bencode.encode(value), StandardCharsets.UTF_8);
    }

    private static Object decoded(String text) {
        return Bencode.decode(text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void encodesAnOfferAsRtpengineReadsIt() {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("sdp", "v=0\r\n");
        offer.put("command", "offer");
        offer.put("call-id", "a84b4c76e66710");
        offer.put("flags", List.of("trust-address"));
        offer.put("replace", List.of("origin", "session-connection"));
        offer.put("ptime", 20);
        offer.put("absent", null);
        assertThat(encoded(offer)).as("keys sorted, nulls left out, lengths in bytes").isEqualTo(
                "d7:call-id14:a84b4c76e667107:command5:offer5:flagsl13:trust-addresse5:ptimei20e"
                        + "7:replacel6:origin18:session-connectione3:sdp5:v=0\r\ne");
        assertThat(encoded("é")).as("UTF-8 bytes counted").isEqualTo("2:é");
        assertThat(encoded(-3L)).isEqualTo("i-3e");
    }

    @Test
    void decodesWhatItEncodes() {
        Map<String, Object> value = Map.of("result", "ok", "totals", Map.of("RTP", Map.of("packets", 1500L, "bytes",
                258_000L)), "tags", List.of("a", List.of(), Map.of()), "negative", -42L);
        assertThat(Bencode.decode(Bencode.encode(value), 0)).isEqualTo(value);
        assertThat(decoded("d6:result4:ponge")).isEqualTo(Map.of("result", "pong"));
        assertThat(decoded("0:")).isEqualTo("");
    }

    @Test
    void refusesWhatIsNotBencodingSayingWhere() {
        for (String[] bad : new String[][]{
                {"", "the data end inside a value at byte 0"},
                {"d6:result", "the data end inside a value at byte 9"},
                {"d6:result4:pong", "the data end inside a value at byte 15"},
                {"i12", "the data end inside a value at byte 3"},
                {"ie", "an empty number at byte 1"},
                {"i1x2e", "not a number at byte 1"},
                {"9:abc", "a string of 9 bytes where 3 are left at byte 2"},
                {"99999999999999999999:a", "not a number at byte 0"},
                {"di1e4:spame", "a dictionary key must be a string at byte 1"},
                {"x", "unexpected 'x' at byte 0"},
                {"4:spamextra", "data after the value at byte 6"}}) {
            assertThatThrownBy(() -> decoded(bad[0])).as(bad[0]).isInstanceOf(Bencode.BencodeException.class)
                    .hasMessage(bad[1]);
        }
        String deep = "l".repeat(Bencode.MAX_DEPTH + 2) + "e".repeat(Bencode.MAX_DEPTH + 2);
        assertThatThrownBy(() -> decoded(deep)).hasMessageStartingWith("nested deeper than 32");
        assertThatThrownBy(() -> Bencode.encode(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bencode.encode(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
