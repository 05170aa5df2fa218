package io.trunkline.ejb.replay.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One replay as stored: what was asked, by whom, how far it got and what it found.
 *
 * @param against     the version labels of the rulebooks the draft was compared with (the active ones when the replay
 *                    was asked for), e.g. {@code routing@1}
 * @param state       RUNNING, DONE, CANCELLED or FAILED
 * @param reason      why it was cancelled or failed; null otherwise
 * @param read        recorded calls read so far
 * @param decided     calls decided on both sides so far
 * @param total       the calls in the period as counted when the replay started (an estimate: CDRs of calls the edge
 *                    also carried are counted there and left out when read); null before it is counted
 * @param summaryJson the report (see web/README.md for its shape), null until DONE
 * @param changesJson the sample of changed calls (a JSON array), null until DONE; left out of listings
 */
public record ReplayRun(long id, String rulebook, int version, Instant from, Instant to, String requestedBy,
                        Instant requestedAt, List<String> against, State state, String reason, long read, long decided,
                        Long total, Instant finishedAt, String cancelledBy, String summaryJson, String changesJson)
        implements Serializable {

    public enum State { RUNNING, DONE, CANCELLED, FAILED }

    public ReplayRun {
        against = against == null ? List.of() : List.copyOf(against);
    }

    /** This run with its progress as the job counts it now. */
    public ReplayRun withProgress(long read, long decided, Long total) {
        return new ReplayRun(id, rulebook, version, from, to, requestedBy, requestedAt, against, state, reason, read,
                decided, total, finishedAt, cancelledBy, summaryJson, changesJson);
    }
}
