package io.trunkline.ejb.security.domain;

import java.util.Map;
import java.util.Optional;

/** The edge cluster's ban map: source → the ban's JSON ({@code io.trunkline.contract.edge.SourceBan}). */
public interface BanStore {

    /** @throws IllegalStateException when the cluster cannot be reached */
    Map<String, String> all();

    /** Removes the source's ban; its JSON, empty when there was none. @throws IllegalStateException when unreachable */
    Optional<String> remove(String source);
}
