package io.trunkline.edge.stir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The node's signing key and certificate, from a PKCS#12 key store: loaded once at start, and refused there (with
 * the file named) when the password is wrong, the entry is missing, the key is not a P-256 key, or the key does not
 * match the certificate; a node that signed with a mismatched pair would have every call it signs fail verification
 * downstream, found only then.
 */
public record SigningKeys(ECPrivateKey key, List<X509Certificate> chain) {

    public SigningKeys {
        chain = List.copyOf(chain);
    }

    /** @throws IllegalArgumentException naming {@code file} and what is wrong with it */
    public static SigningKeys load(Path file, String password, String alias) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new IllegalArgumentException("STIR key store " + file + ": not readable, or the password is wrong ("
                    + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("STIR key store " + file + ": " + e.getMessage(), e);
        }
        try {
            String entry = alias != null && !alias.isBlank() ? alias : firstKeyEntry(store, file);
            Key key = store.getKey(entry, password.toCharArray());
            if (key == null) {
                throw new IllegalArgumentException("STIR key store " + file + ": no private key under alias " + entry);
            }
            if (!(key instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
                throw new IllegalArgumentException("STIR key store " + file + ": the key under " + entry
                        + " is not an EC P-256 key (ES256)");
            }
            Certificate[] certs = store.getCertificateChain(entry);
            if (certs == null || certs.length == 0) {
                throw new IllegalArgumentException("STIR key store " + file + ": no certificate for " + entry);
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            if (!matches(ec, chain.get(0))) {
                throw new IllegalArgumentException("STIR key store " + file + ": the key under " + entry
                        + " does not match its certificate " + chain.get(0).getSubjectX500Principal().getName());
            }
            return new SigningKeys(ec, chain);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("STIR key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstKeyEntry(KeyStore store, Path file) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new IllegalArgumentException("STIR key store " + file + ": no private key entry");
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null && params.getCurve().getField().getFieldSize() == 256;
    }

    /** Whether the key signs what the certificate's public key verifies. */
    static boolean matches(ECPrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(probe);
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(certificate.getPublicKey());
        verify.update(probe);
        return verify.verify(signature);
    }

    /** The signing certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Time left before the signing certificate expires (negative once it has). */
    public Duration validFor(Instant now) {
        return Duration.between(now, certificate().getNotAfter().toInstant());
    }
}
