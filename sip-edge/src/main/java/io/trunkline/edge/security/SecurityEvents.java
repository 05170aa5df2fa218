package io.trunkline.edge.security;

import io.trunkline.contract.edge.SourceBan;

/** What the defence reports to the platform (journaled as SECURITY events). */
public interface SecurityEvents {

    void banned(SourceBan ban);

    /** A configured PBX or carrier over its own request limit: never banned, the platform raises an alert. */
    void peerOverLimit(String source, String peer, long count, int limit, int windowMs);
}
