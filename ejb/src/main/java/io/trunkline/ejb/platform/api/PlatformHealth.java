package io.trunkline.ejb.platform.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.ejb.Local;

/** The state of every subsystem of the platform, as ops engineers and load balancers read it. */
@Local
public interface PlatformHealth {

    enum Status { UP, DOWN }

    /**
     * One subsystem. {@code details} holds only strings, numbers, booleans, lists and maps of them, so
     * any front end can render it.
     */
    record Subsystem(String name, Status status, Map<String, Object> details) implements Serializable {
    }

    /** UP only when every subsystem is UP. */
    record Report(Status status, Instant checkedAt, List<Subsystem> subsystems) implements Serializable {
    }

    Report check();
}
