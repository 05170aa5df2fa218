package io.trunkline.edge.stir;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A small STI PKI for tests: a CA and the certificates it issues, all P-256, made with BouncyCastle's builder. */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair caKeys = keys();
    public final X509Certificate ca;

    public TestPki(String name) throws Exception {
        this(name, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    /** A CA valid between the two instants (a published example's date may lie years back). */
    TestPki(String name, Instant from, Instant to) throws Exception {
        ca = certificate("CN=" + name + " STI-CA", caKeys.getPublic(), "CN=" + name + " STI-CA", caKeys.getPrivate(),
                from, to, true);
    }

    /** A signing certificate for a given public key (a published example's) issued by this CA. */
    public X509Certificate issue(String subject, java.security.PublicKey key, Instant from, Instant to)
            throws Exception {
        return certificate("CN=" + subject, key, ca.getSubjectX500Principal().getName(), caKeys.getPrivate(), from, to,
                false);
    }

    public static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signing certificate for {@code keys} issued by this CA, valid between the two instants. */
    public X509Certificate issue(String subject, KeyPair keys, Instant from, Instant to) throws Exception {
        return certificate("CN=" + subject, keys.getPublic(), ca.getSubjectX500Principal().getName(),
                caKeys.getPrivate(), from, to, false);
    }

    /** A signing certificate carrying a TN Authorization List (RFC 8226) with the given entries. */
    X509Certificate issueWithTnAuth(String subject, KeyPair keys, org.bouncycastle.asn1.ASN1Encodable... entries)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal().getName()),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))), new X500Name("CN=" + subject), keys.getPublic());
        b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(TnAuthList.OID), false,
                new org.bouncycastle.asn1.DERSequence(entries));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    static org.bouncycastle.asn1.ASN1Encodable spc(String code) {
        return new org.bouncycastle.asn1.DERTaggedObject(true, 0, new org.bouncycastle.asn1.DERIA5String(code));
    }

    static org.bouncycastle.asn1.ASN1Encodable one(String tn) {
        return new org.bouncycastle.asn1.DERTaggedObject(true, 2, new org.bouncycastle.asn1.DERIA5String(tn));
    }

    static org.bouncycastle.asn1.ASN1Encodable range(String start, int count) {
        return new org.bouncycastle.asn1.DERTaggedObject(true, 1, new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {new org.bouncycastle.asn1.DERIA5String(start),
                        new org.bouncycastle.asn1.ASN1Integer(count)}));
    }

    public X509Certificate issue(String subject, KeyPair keys) throws Exception {
        return issue(subject, keys, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
    }

    /** A CRL of this CA, issued now, revoking {@code revoked}. */
    java.security.cert.X509CRL crl(X509Certificate... revoked) throws Exception {
        Date now = Date.from(Instant.now().minus(Duration.ofMinutes(1)));
        org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.X509v2CRLBuilder(
                new X500Name(ca.getSubjectX500Principal().getName()), now);
        b.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        for (X509Certificate c : revoked) {
            b.addCRLEntry(c.getSerialNumber(), now, org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
        }
        return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    /** A TLS server certificate for {@code host} (its name in the subject alternative names). */
    X509Certificate issueServer(String host, KeyPair keys) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal().getName()),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))), new X500Name("CN=" + host), keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static X509Certificate certificate(String subject, java.security.PublicKey key, String issuer,
                                               PrivateKey issuerKey, Instant from, Instant to, boolean ca)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    /** A PKCS#12 file holding {@code key} with {@code chain} under {@code alias}. */
    public static Path store(Path file, String password, String alias, PrivateKey key, X509Certificate... chain)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, password.toCharArray(), chain);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    /** An HTTPS server on the loopback address presenting a certificate for {@code host} issued by this CA. */
    com.sun.net.httpserver.HttpsServer httpsServer(String host, com.sun.net.httpserver.HttpHandler handler)
            throws Exception {
        KeyPair tlsKeys = keys();
        X509Certificate tls = issueServer(host, tlsKeys);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("tls", tlsKeys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {tls, ca});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        javax.net.ssl.SSLContext serverTls = javax.net.ssl.SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(serverTls));
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /** Certificates as a PEM text. */
    public static String pem(X509Certificate... certs) throws Exception {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certs) {
            b.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return b.toString();
    }
}
