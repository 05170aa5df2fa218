package io.trunkline.ejb.stir.api;

import io.trunkline.ejb.stir.domain.PublishedChain;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * The STIR/SHAKEN signing certificates the platform publishes for verifiers, at the x5u URL the edge nodes put in
 * their PASSporTs ({@code /api/v1/stir/certs/<name>.pem}).
 */
@Local
public interface SigningCertificates {

    /**
     * Stores (or replaces) the chain published as {@code name}.
     *
     * @return true when it replaced one
     * @throws IllegalArgumentException saying what is wrong with the name or the chain
     */
    boolean publish(String name, String pem, String by);

    Optional<PublishedChain> chain(String name);

    List<PublishedChain> all();
}
