package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.RulebookVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rulebook versions in memory, for the services' unit tests. */
public final class InMemoryRulebookStore implements RulebookStore {

    private final Map<String, List<StoredVersion>> versions = new LinkedHashMap<>();
    private final Map<String, Map<String, byte[]>> files = new LinkedHashMap<>();

    @Override
    public List<StoredVersion> versions(String rulebook) {
        return List.copyOf(versions.getOrDefault(rulebook, List.of()));
    }

    @Override
    public Optional<StoredVersion> active(String rulebook) {
        return versions(rulebook).stream().filter(v -> v.status().equals("ACTIVE")).findFirst();
    }

    @Override
    public Optional<StoredVersion> version(String rulebook, int version) {
        return versions(rulebook).stream().filter(v -> v.version().version() == version).findFirst();
    }

    @Override
    public Map<String, byte[]> files(String rulebook, int version) {
        return Map.copyOf(files.getOrDefault(rulebook + "@" + version, Map.of()));
    }

    @Override
    public int nextVersion(String rulebook) {
        return versions(rulebook).size() + 1;
    }

    @Override
    public void insert(RulebookVersion v, String status, Map<String, byte[]> content) {
        versions.computeIfAbsent(v.rulebook(), k -> new ArrayList<>()).add(new StoredVersion(v, status, null, null));
        files.put(v.label(), Map.copyOf(content));
    }

    @Override
    public void activate(String rulebook, int version, String actor, Instant at) {
        List<StoredVersion> list = versions.get(rulebook);
        list.replaceAll(s -> s.version().version() == version ? new StoredVersion(s.version(), "ACTIVE", at, actor)
                : s.status().equals("ACTIVE") ? new StoredVersion(s.version(), "RETIRED", s.activatedAt(), s.activatedBy()) : s);
    }
}
