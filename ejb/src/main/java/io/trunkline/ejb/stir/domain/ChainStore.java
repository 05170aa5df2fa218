package io.trunkline.ejb.stir.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the published chains are kept. */
public interface ChainStore {

    /** Stores the chain under its name, replacing the one there; true when it replaced one. */
    boolean put(PublishedChain chain, String by, Instant at) throws SQLException;

    Optional<PublishedChain> get(String name) throws SQLException;

    List<PublishedChain> all() throws SQLException;
}
