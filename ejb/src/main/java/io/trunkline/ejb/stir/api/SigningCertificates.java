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
     * @throws ChainRefused saying what is wrong with the name or the chain (nothing stored)
     */
    boolean publish(String name, String pem, String by);

    Optional<PublishedChain> chain(String name);

    List<PublishedChain> all();

    /** An upload that is not a publishable chain: {@code field} is {@code name} or {@code body}. */
    @javax.ejb.ApplicationException(rollback = true)
    class ChainRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public ChainRefused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
