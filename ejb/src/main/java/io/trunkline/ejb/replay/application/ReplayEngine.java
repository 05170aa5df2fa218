package io.trunkline.ejb.replay.application;

import io.trunkline.ejb.replay.domain.CallReplay;
import io.trunkline.ejb.replay.domain.CarrierFigures;
import io.trunkline.ejb.replay.domain.RecordedCall;
import io.trunkline.ejb.replay.domain.RecordedCalls;
import io.trunkline.ejb.replay.domain.ReplayReport;
import io.trunkline.ejb.replay.domain.ReplayTally;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one replay: the calling thread streams the recorded calls from the port in batches to a short queue, and
 * {@code workers} tasks on the executor decide them, each with its own {@link CallReplay} and {@link ReplayTally},
 * merged at the end. When the queue is full the reading thread decides a batch itself, so a replay finishes even
 * when the executor runs none of its tasks (a busy pool, another replay holding its threads): it never waits on a
 * task that has not started. Progress is reported five times a second from the reading thread, which stops when
 * the report answers false.
 */
public final class ReplayEngine {

    /** Told how far a replay got; answers whether to go on. */
    @FunctionalInterface
    public interface Progress {
        boolean report(long read, long decided);
    }

    /** The replay was stopped through {@link Progress} before it read every call. */
    public static final class Stopped extends Exception {

        private static final long serialVersionUID = 1L;
        private final long read;
        private final long decided;

        Stopped(long read, long decided) {
            super("stopped after " + read + " calls read");
            this.read = read;
            this.decided = decided;
        }

        public long read() {
            return read;
        }

        public long decided() {
            return decided;
        }
    }

    static final int BATCH = 512;
    private static final long REPORT_EVERY_NANOS = 200_000_000L;

    private final Executor executor;
    private final int workers;

    /** @param workers tasks to decide on besides the reading thread (the cores to use) */
    public ReplayEngine(Executor executor, int workers) {
        this.executor = executor;
        this.workers = workers;
    }

    public ReplayReport run(RecordedCalls calls, Instant from, Instant to, CallReplay.Setup setup,
                            Map<String, CarrierFigures> figures, int sampleSize, Progress progress)
            throws SQLException, Stopped {
        Run run = new Run(setup, sampleSize);
        for (int i = 0; i < workers; i++) {
            try {
                executor.execute(run::work);
            } catch (RejectedExecutionException e) {
                // A saturated executor: the reading thread decides what the missing workers would have.
                break;
            }
        }
        ReplayTally own = new ReplayTally(sampleSize);
        CallReplay decider = new CallReplay(setup);
        long[] read = {0};
        boolean[] stopped = {false};
        long[] reported = {System.nanoTime()};
        List<List<RecordedCall>> pending = new ArrayList<>(1);
        pending.add(new ArrayList<>(BATCH));
        try {
            calls.read(from, to, call -> {
                read[0]++;
                List<RecordedCall> batch = pending.get(0);
                batch.add(call);
                if (batch.size() == BATCH) {
                    run.hand(batch, decider, own);
                    pending.set(0, new ArrayList<>(BATCH));
                }
                long now = System.nanoTime();
                if (now - reported[0] >= REPORT_EVERY_NANOS) {
                    reported[0] = now;
                    stopped[0] = !progress.report(read[0], run.decided.get()) || run.failure.get() != null;
                }
                return !stopped[0];
            });
            if (!stopped[0]) {
                run.decide(pending.get(0), decider, own);
                run.drain(decider, own);
            }
        } finally {
            run.close();
        }
        if (run.failure.get() != null) {
            throw new IllegalStateException("a replay worker failed: " + run.failure.get(), run.failure.get());
        }
        if (stopped[0]) {
            throw new Stopped(read[0], run.decided.get());
        }
        for (ReplayTally t : run.tallies()) {
            own.merge(t);
        }
        return own.report(read[0], figures);
    }

    /** The batches of one replay and its workers. */
    private static final class Run {

        private final CallReplay.Setup setup;
        private final int sampleSize;
        private final BlockingQueue<List<RecordedCall>> queue = new ArrayBlockingQueue<>(4);
        private final AtomicLong decided = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<ReplayTally> tallies = new ArrayList<>();
        private boolean closed;
        private int active;

        Run(CallReplay.Setup setup, int sampleSize) {
            this.setup = setup;
            this.sampleSize = sampleSize;
        }

        /** Queues a batch, deciding queued ones on the reading thread while the queue is full. */
        void hand(List<RecordedCall> batch, CallReplay decider, ReplayTally tally) {
            while (!queue.offer(batch)) {
                List<RecordedCall> queued = queue.poll();
                if (queued != null) {
                    decide(queued, decider, tally);
                }
            }
        }

        void drain(CallReplay decider, ReplayTally tally) {
            for (List<RecordedCall> b = queue.poll(); b != null; b = queue.poll()) {
                decide(b, decider, tally);
            }
        }

        void decide(List<RecordedCall> batch, CallReplay decider, ReplayTally tally) {
            for (RecordedCall c : batch) {
                tally.add(decider.replay(c));
            }
            decided.addAndGet(batch.size());
        }

        /** A worker: decides queued batches until the reading thread closes the run. */
        void work() {
            ReplayTally tally = new ReplayTally(sampleSize);
            synchronized (this) {
                if (closed) {
                    return;
                }
                active++;
                tallies.add(tally);
            }
            try {
                CallReplay decider = new CallReplay(setup);
                while (true) {
                    List<RecordedCall> batch = queue.poll(20, TimeUnit.MILLISECONDS);
                    if (batch != null) {
                        decide(batch, decider, tally);
                    } else if (isClosed() || failure.get() != null) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                synchronized (this) {
                    active--;
                    notifyAll();
                }
            }
        }

        private synchronized boolean isClosed() {
            return closed;
        }

        /**
         * Lets no more workers start and waits for the started ones to put down what they hold. Batches still queued
         * (a stopped replay's) are dropped.
         */
        void close() {
            synchronized (this) {
                closed = true;
            }
            queue.clear();
            synchronized (this) {
                boolean interrupted = false;
                while (active > 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized List<ReplayTally> tallies() {
            return new ArrayList<>(tallies);
        }
    }
}
