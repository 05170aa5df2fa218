package io.trunkline.ejb.security.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/** The SIP sources banned by the edge nodes: listed, lifted, and learned of from the nodes' SECURITY events. */
@Local
public interface SourceBans {

    /** A ban in force. */
    record Ban(String source, String reason, String rule, String node, Instant bannedAt, Instant until)
            implements Serializable {
    }

    /**
     * The bans in force in the edge cluster, by source.
     *
     * @throws EdgeClusterUnavailable when the platform is not connected to the edge cluster
     */
    List<Ban> list();

    /**
     * Lifts the ban of {@code source} on every node (the nodes drop it from their view as the cluster tells them)
     * and audits it.
     *
     * @return the ban lifted; empty when the source is not banned (nothing audited)
     * @throws EdgeClusterUnavailable when the platform is not connected to the edge cluster
     */
    Optional<Ban> lift(String source, String actor, String reason);

    /** A SECURITY event a node delivered ({@code body} its JSON): bans are audited, peers over their limit alerted. */
    void reported(String node, String body);

    /** The edge cluster cannot be reached; the API answers 503. */
    @javax.ejb.ApplicationException(rollback = true)
    class EdgeClusterUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EdgeClusterUnavailable(String message) {
            super(message);
        }
    }
}
