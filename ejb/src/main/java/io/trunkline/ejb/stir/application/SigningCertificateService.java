package io.trunkline.ejb.stir.application;

import io.trunkline.ejb.stir.api.SigningCertificates;
import io.trunkline.ejb.stir.api.SigningCertificates.ChainRefused;
import io.trunkline.ejb.stir.domain.ChainStore;
import io.trunkline.ejb.stir.domain.PublishedChain;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the signing chains: each read and checked before it is stored, so a verifier never fetches a bad one. */
@Stateless
public class SigningCertificateService implements SigningCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(SigningCertificateService.class);

    @Inject
    private ChainStore store;
    @EJB
    private CertificateExpiryWatch expiry;

    @Override
    public boolean publish(String name, String pem, String by) {
        PublishedChain chain;
        try {
            chain = PublishedChain.read(name, pem);
        } catch (IllegalArgumentException e) {
            throw new ChainRefused(e.getMessage().startsWith("name") ? "name" : "body", e.getMessage());
        }
        try {
            boolean replaced = store.put(chain, by, Instant.now());
            LOG.info("STIR certificate '{}' {} by {}: {} until {}", name, replaced ? "replaced" : "published", by,
                    chain.subject(), chain.notAfter());
            expiry.check(chain, Instant.now());
            return replaced;
        } catch (SQLException e) {
            throw new EJBException("STIR certificate not stored: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PublishedChain> chain(String name) {
        try {
            return store.get(name);
        } catch (SQLException e) {
            throw new EJBException("STIR certificate not read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<PublishedChain> all() {
        try {
            return store.all();
        } catch (SQLException e) {
            throw new EJBException("STIR certificates not read: " + e.getMessage(), e);
        }
    }
}
