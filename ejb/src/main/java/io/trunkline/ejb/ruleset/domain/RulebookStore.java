package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.RulebookVersion;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every version of every rulebook: its files, who made it and when, and which one is active. */
public interface RulebookStore {

    /** A stored version, its status (DRAFT, ACTIVE, RETIRED) and its last activation. */
    record StoredVersion(RulebookVersion version, String status, Instant activatedAt, String activatedBy) {
    }

    List<StoredVersion> versions(String rulebook) throws SQLException;

    Optional<StoredVersion> active(String rulebook) throws SQLException;

    Optional<StoredVersion> version(String rulebook, int version) throws SQLException;

    /** A version's files by name. */
    Map<String, byte[]> files(String rulebook, int version) throws SQLException;

    int nextVersion(String rulebook) throws SQLException;

    void insert(RulebookVersion v, String status, Map<String, byte[]> files) throws SQLException;

    /** Makes a version the active one (the one active before is retired). */
    void activate(String rulebook, int version, String actor, Instant at) throws SQLException;
}
