package io.trunkline.edge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test helper's SRTP against RFC 3711's own vectors, so a relay test's verdict rests on a right cipher. */
class SrtpTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void derivesTheSessionKeysOfRfc3711AppendixB3() throws Exception {
        Srtp srtp = new Srtp(HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6"));
        assertThat(HEX.formatHex(field(srtp, "encryptionKey"))).isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(HEX.formatHex(field(srtp, "salt"))).isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
        assertThat(HEX.formatHex(field(srtp, "authKey"))).isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
    }

    @Test
    void whatItProtectsItUnprotectsAndATamperedPacketFails() {
        Srtp srtp = new Srtp(HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6"));
        byte[] rtp = HEX.parseHex("800812340000a0001234abcd" + "d5".repeat(160));
        byte[] protectedPacket = srtp.protect(rtp);
        assertThat(protectedPacket).hasSize(rtp.length + 10);
        assertThat(java.util.Arrays.copyOfRange(protectedPacket, 12, 172)).as("encrypted").isNotEqualTo(
                java.util.Arrays.copyOfRange(rtp, 12, 172));
        assertThat(srtp.unprotect(protectedPacket, protectedPacket.length)).isEqualTo(rtp);
        protectedPacket[20] ^= 1;
        assertThat(srtp.unprotect(protectedPacket, protectedPacket.length)).as("tag no longer matches").isNull();
    }

    private static byte[] field(Srtp srtp, String name) throws Exception {
        Field f = Srtp.class.getDeclaredField(name);
        f.setAccessible(true);
        return (byte[]) f.get(srtp);
    }
}
