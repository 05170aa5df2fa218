package io.trunkline.ejb.replay.domain;

import io.trunkline.ejb.replay.api.ReplayRun;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** replay_run in memory, for the service tests. */
public final class InMemoryReplayStore implements ReplayStore {

    private final Map<Long, ReplayRun> runs = new TreeMap<>();
    private long next = 1;

    @Override
    public synchronized long insert(ReplayRun run) {
        long id = next++;
        runs.put(id, new ReplayRun(id, run.rulebook(), run.version(), run.from(), run.to(), run.requestedBy(),
                run.requestedAt(), run.against(), run.state(), null, 0, 0, null, null, null, null, null));
        return id;
    }

    @Override
    public synchronized Optional<ReplayRun> find(long id, boolean withChanges) {
        ReplayRun r = runs.get(id);
        return Optional.ofNullable(r == null || withChanges ? r : withChanges(r, null));
    }

    @Override
    public synchronized List<ReplayRun> list(String rulebook, Integer version, int limit) {
        return runs.values().stream()
                .filter(r -> rulebook == null || r.rulebook().equals(rulebook))
                .filter(r -> version == null || r.version() == version)
                .sorted(Comparator.comparing(ReplayRun::requestedAt).thenComparing(ReplayRun::id).reversed())
                .limit(limit).map(r -> withChanges(r, null)).toList();
    }

    @Override
    public synchronized Optional<Long> running(String rulebook, int version) {
        return runs.values().stream().filter(r -> r.state() == ReplayRun.State.RUNNING && r.rulebook().equals(rulebook)
                && r.version() == version).map(ReplayRun::id).findFirst();
    }

    @Override
    public synchronized void counted(long id, long total) {
        ReplayRun r = runs.get(id);
        runs.put(id, r.withProgress(r.read(), r.decided(), total));
    }

    @Override
    public synchronized void progress(long id, long read, long decided) {
        ReplayRun r = runs.get(id);
        runs.put(id, r.withProgress(read, decided, r.total()));
    }

    @Override
    public synchronized boolean requestCancel(long id, String user) {
        ReplayRun r = runs.get(id);
        if (r == null || r.state() != ReplayRun.State.RUNNING || r.cancelledBy() != null) {
            return false;
        }
        runs.put(id, new ReplayRun(id, r.rulebook(), r.version(), r.from(), r.to(), r.requestedBy(), r.requestedAt(),
                r.against(), r.state(), r.reason(), r.read(), r.decided(), r.total(), r.finishedAt(), user,
                r.summaryJson(), r.changesJson()));
        return true;
    }

    @Override
    public synchronized boolean cancelRequested(long id) {
        return runs.get(id).cancelledBy() != null;
    }

    @Override
    public synchronized void finish(long id, ReplayRun.State state, String reason, long read, long decided,
                                    String summaryJson, String changesJson, Instant at) {
        ReplayRun r = runs.get(id);
        runs.put(id, new ReplayRun(id, r.rulebook(), r.version(), r.from(), r.to(), r.requestedBy(), r.requestedAt(),
                r.against(), state, reason, read, decided, r.total(), at, r.cancelledBy(), summaryJson, changesJson));
    }

    @Override
    public synchronized int failRunning(String reason, Instant at) {
        int n = 0;
        for (ReplayRun r : List.copyOf(runs.values())) {
            if (r.state() == ReplayRun.State.RUNNING) {
                finish(r.id(), ReplayRun.State.FAILED, reason, r.read(), r.decided(), null, null, at);
                n++;
            }
        }
        return n;
    }

    private static ReplayRun withChanges(ReplayRun r, String changes) {
        return new ReplayRun(r.id(), r.rulebook(), r.version(), r.from(), r.to(), r.requestedBy(), r.requestedAt(),
                r.against(), r.state(), r.reason(), r.read(), r.decided(), r.total(), r.finishedAt(), r.cancelledBy(),
                r.summaryJson(), changes);
    }
}
