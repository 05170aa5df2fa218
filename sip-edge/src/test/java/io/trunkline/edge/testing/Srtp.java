package io.trunkline.edge.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP with the AES_CM_128_HMAC_SHA1_80 suite (RFC 3711 §4.1.1, §4.2, §4.3 with a key derivation rate of 0), one
 * direction's keys as SDES (RFC 4568) gives them, for tests that must see a relay encrypt and decrypt: {@link #protect}
 * turns an RTP packet into SRTP, {@link #unprotect} checks the tag and decrypts, or answers null.
 */
public final class Srtp {

    private static final Pattern INLINE = Pattern.compile(
            "a=crypto:(\\d+) AES_CM_128_HMAC_SHA1_80 inline:([A-Za-z0-9+/=]+)");

    private final byte[] encryptionKey;
    private final byte[] authKey;
    private final byte[] salt;

    /** The keys of a 30-byte master key and salt ({@code inline:} decoded). */
    public Srtp(byte[] masterKeyAndSalt) {
        if (masterKeyAndSalt.length != 30) {
            throw new IllegalArgumentException("AES_CM_128_HMAC_SHA1_80 takes 16 bytes of key and 14 of salt");
        }
        byte[] key = Arrays.copyOfRange(masterKeyAndSalt, 0, 16);
        byte[] masterSalt = Arrays.copyOfRange(masterKeyAndSalt, 16, 30);
        this.encryptionKey = derive(key, masterSalt, 0, 16);
        this.authKey = derive(key, masterSalt, 1, 20);
        this.salt = derive(key, masterSalt, 2, 14);
    }

    /** The suite's tag and keys in an SDP's {@code a=crypto} line for AES_CM_128_HMAC_SHA1_80, or null. */
    public static Object[] offered(String sdp) {
        Matcher m = INLINE.matcher(sdp);
        if (!m.find()) {
            return null;
        }
        return new Object[]{Integer.parseInt(m.group(1)), new Srtp(Base64.getDecoder().decode(m.group(2)))};
    }

    /** An SRTP packet of {@code rtp} (first roll-over: the tests' streams are short). */
    public byte[] protect(byte[] rtp) {
        int header = 12;
        byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        byte[] keystream = keystream(rtp, rtp.length - header);
        for (int i = header; i < rtp.length; i++) {
            out[i] = (byte) (rtp[i] ^ keystream[i - header]);
        }
        System.arraycopy(tag(out, rtp.length), 0, out, rtp.length, 10);
        return out;
    }

    /** The RTP packet inside {@code srtp} when its tag is right, else null. */
    public byte[] unprotect(byte[] srtp, int length) {
        if (length < 22) {
            return null;
        }
        int body = length - 10;
        byte[] expected = tag(srtp, body);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(srtp, body, length))) {
            return null;
        }
        byte[] out = Arrays.copyOf(srtp, body);
        byte[] keystream = keystream(srtp, body - 12);
        for (int i = 12; i < body; i++) {
            out[i] = (byte) (srtp[i] ^ keystream[i - 12]);
        }
        return out;
    }

    private byte[] keystream(byte[] packet, int n) {
        ByteBuffer p = ByteBuffer.wrap(packet);
        long ssrc = p.getInt(8) & 0xffffffffL;
        long index = p.getShort(2) & 0xffff; // roll-over counter 0
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return aesCm(encryptionKey, iv, n);
    }

    private byte[] tag(byte[] packet, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
            mac.update(packet, 0, length);
            mac.update(new byte[4]); // roll-over counter
            return Arrays.copyOf(mac.doFinal(), 10);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3711 §4.3.1 with kdr 0: AES-CM of the master key over (salt XOR label at byte 7) · 2^16. */
    private static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int n) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        return aesCm(masterKey, iv, n);
    }

    private static byte[] aesCm(byte[] key, byte[] iv, int n) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(new byte[n]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
