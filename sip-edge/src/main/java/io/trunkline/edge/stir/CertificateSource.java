package io.trunkline.edge.stir;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/** Where the verifier gets the certificate a token's {@code x5u} names: the signer's first, then its chain. */
@FunctionalInterface
public interface CertificateSource {

    /** @throws StirException {@link StirFailure#BAD_INFO} when the URI may not be fetched or gives no certificate */
    List<X509Certificate> chainAt(URI x5u) throws StirException;
}
