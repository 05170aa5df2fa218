package io.trunkline.edge.overload;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** The node's load as the layers that carry it see it; read by the judge at most once per tick. */
public interface LoadSignals {

    /** Calls admitted, not yet ringing or answered, not ended (the SIP work in flight for new calls). */
    int callsInSetup();

    /** Decisions asked and not yet answered (the queue in front of the platform). */
    int pendingDecisions();

    /** This process's share of the machine's CPU, 0..1 (negative when the JVM cannot tell). */
    double processCpu();

    /** How long the oldest message has waited in the SIP stack's receive queue, in milliseconds. */
    long queueWaitMillis();

    /**
     * The B2BUA's counts, with this JVM's CPU: the process's CPU time over at least the last second, as a share of
     * all cores (the MXBean's own instant load swings to 100 % on a single busy tick and would flap the judge).
     */
    static LoadSignals of(IntSupplier callsInSetup, IntSupplier pendingDecisions, LongSupplier queueWaitMillis) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        int cores = Runtime.getRuntime().availableProcessors();
        return new LoadSignals() {
            private long since = System.nanoTime();
            private long cpuSince = cpuTime();
            private double last;

            private long cpuTime() {
                return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
            }

            @Override
            public int callsInSetup() {
                return callsInSetup.getAsInt();
            }

            @Override
            public int pendingDecisions() {
                return pendingDecisions.getAsInt();
            }

            @Override
            public long queueWaitMillis() {
                return queueWaitMillis.getAsLong();
            }

            @Override
            public synchronized double processCpu() {
                long now = System.nanoTime();
                long cpu = cpuTime();
                if (cpu < 0) {
                    return -1;
                }
                if (now - since >= 1_000_000_000L) {
                    last = (double) (cpu - cpuSince) / (now - since) / cores;
                    since = now;
                    cpuSince = cpu;
                }
                return last;
            }
        };
    }
}
