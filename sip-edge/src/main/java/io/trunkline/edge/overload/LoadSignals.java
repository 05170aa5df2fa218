package io.trunkline.edge.overload;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/** The node's load as the layers that carry it see it; read by the judge at most once per tick. */
public interface LoadSignals {

    /** Calls admitted and not yet answered or ended (the SIP work in flight for new calls). */
    int callsInSetup();

    /** Decisions asked and not yet answered (the queue in front of the platform). */
    int pendingDecisions();

    /** This process's share of the machine's CPU, 0..1 (negative when the JVM cannot tell). */
    double processCpu();

    /** The B2BUA's counts, with this JVM's CPU load as the platform MXBean reports it. */
    static LoadSignals of(IntSupplier callsInSetup, IntSupplier pendingDecisions) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return new LoadSignals() {
            @Override
            public int callsInSetup() {
                return callsInSetup.getAsInt();
            }

            @Override
            public int pendingDecisions() {
                return pendingDecisions.getAsInt();
            }

            @Override
            public double processCpu() {
                return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
            }
        };
    }
}
