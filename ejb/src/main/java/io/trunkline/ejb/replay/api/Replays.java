package io.trunkline.ejb.replay.api;

import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * Replays of recorded calls through a stored rulebook version (what-if): started as background jobs, read while they
 * run and after, cancelled. Who may do what is the web tier's (start and cancel: analyst, admin; read: analyst,
 * compliance, ops, admin).
 */
@Local
public interface Replays {

    /** The rulebooks a call's decision runs on, whose versions a replay can try. */
    List<String> RULEBOOKS = List.of("dialplan", "classification", "routing", "attestation");

    /** The longest period a replay reads, in days (a quarter). */
    int MAX_DAYS = 93;

    /** How many replays run at once on one platform node (each decides on every core). */
    int MAX_RUNNING = 2;

    /** How many changed calls a replay keeps to list (the earliest). */
    int SAMPLE = 1000;

    /**
     * Starts a replay in the background; it is RUNNING when this returns.
     *
     * @throws ReplayRefused  naming the field: an unknown rulebook or one no call decision runs on, a version not
     *                        stored, {@code from} not before {@code to}, a period over {@link #MAX_DAYS} days
     * @throws ReplayConflict a replay of that version is already running, or {@link #MAX_RUNNING} replays are
     */
    ReplayRun start(ReplayRequest request, String user);

    /**
     * Asks a running replay to stop; it is CANCELLED once its workers have put down what they hold (within a second).
     *
     * @throws ReplayNotFound no such replay
     * @throws ReplayConflict it is not running
     */
    ReplayRun cancel(long id, String user);

    /** One replay with its summary and sample of changed calls, its progress current while it runs. */
    Optional<ReplayRun> find(long id);

    /**
     * Replays newest first, without their samples: of one rulebook (null: all), of one version (null: all), at most
     * {@code limit}.
     */
    List<ReplayRun> list(String rulebook, Integer version, int limit);
}
