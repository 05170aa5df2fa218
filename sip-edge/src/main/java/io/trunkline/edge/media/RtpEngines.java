package io.trunkline.edge.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rtpengine instances a node drives, one chosen per call and kept for the call's later requests (its media
 * lives there). A new call goes to the instance its Call-ID ranks first among those up (rendezvous hashing: the calls
 * spread evenly and a call's choice moves only when its instance is down). An instance that does not answer is
 * marked down for a while and the call's offer is tried on the next; requests for a call already placed go to its
 * own instance only. A {@code delete} its instance did not answer is kept and sent again by {@link #maintain()}
 * (for at most an hour), so a session is not left running on an instance that was briefly unreachable.
 */
public final class RtpEngines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpEngines.class);
    private static final long PENDING_DELETE_NANOS = Duration.ofHours(1).toNanos();

    private final List<NgClient> instances;
    private final long downForNanos;
    private final LongSupplier nanoTime;
    /** Until when (System.nanoTime) each instance is skipped for new calls; absent: up. */
    private final Map<NgClient, Long> downUntil = new ConcurrentHashMap<>();
    private final Map<String, NgClient> placed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PendingDelete> pendingDeletes = new ConcurrentLinkedQueue<>();
    private final RateLimitedLog incidents = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    private record PendingDelete(NgClient instance, Map<String, Object> request, long since) {
    }

    /**
     * @param instances the node's instances (at least one)
     * @param downFor   how long an instance that did not answer is skipped for new calls
     */
    public RtpEngines(List<NgClient> instances, Duration downFor, LongSupplier nanoTime) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("at least one rtpengine instance");
        }
        this.instances = List.copyOf(instances);
        this.downForNanos = downFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Sends a request that places or changes a call's media ({@code offer}): to the call's instance when it has one,
     * else to the first instance up in the Call-ID's order, the next ones after a timeout.
     *
     * @throws NgException REFUSED or MALFORMED from the instance asked; TIMEOUT when no instance answered
     */
    public Map<String, Object> place(String callId, Map<String, Object> request) throws NgException {
        NgClient own = placed.get(callId);
        if (own != null) {
            return sendUnlessDown(own, request);
        }
        NgException last = null;
        for (NgClient instance : order(callId)) {
            try {
                Map<String, Object> reply = send(instance, request);
                placed.put(callId, instance);
                return reply;
            } catch (NgException e) {
                if (e.kind() != NgException.Cause.TIMEOUT) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last : new NgException(NgException.Cause.TIMEOUT, "no rtpengine instance is up");
    }

    /**
     * Sends a request about a call already placed ({@code answer}, {@code query}) to its instance.
     *
     * @throws NgException as {@link NgClient#call}; REFUSED when the call was never placed here
     */
    public Map<String, Object> ofCall(String callId, Map<String, Object> request) throws NgException {
        NgClient own = placed.get(callId);
        if (own == null) {
            throw new NgException(NgException.Cause.REFUSED, "call " + callId + " has no media on any rtpengine instance");
        }
        return sendUnlessDown(own, request);
    }

    /** A call's request to its own instance; failing at once while that instance is known not to answer. */
    private Map<String, Object> sendUnlessDown(NgClient own, Map<String, Object> request) throws NgException {
        if (isDown(own)) {
            // The call's media lives there only: no other instance can take the request, and a timeout per call
            // would hold the call's signalling for nothing.
            throw new NgException(NgException.Cause.TIMEOUT, "rtpengine at " + own.server().getHostString() + ":"
                    + own.server().getPort() + " is not answering");
        }
        return send(own, request);
    }

    /**
     * Ends a call's media ({@code delete}) and forgets where it was; the reply (with the call's final statistics), or
     * null when the instance did not answer, in which case the delete is kept for {@link #maintain()}.
     */
    public Map<String, Object> end(String callId, Map<String, Object> request) {
        NgClient own = placed.remove(callId);
        if (own == null) {
            return null;
        }
        if (isDown(own)) {
            // Not worth a timeout per call while it is known to be down: kept for maintain().
            pendingDeletes.add(new PendingDelete(own, request, nanoTime.getAsLong()));
            return null;
        }
        try {
            return send(own, request);
        } catch (NgException e) {
            if (e.kind() == NgException.Cause.TIMEOUT) {
                pendingDeletes.add(new PendingDelete(own, request, nanoTime.getAsLong()));
            } else {
                incidents.warn("delete-" + e.kind(), "rtpengine did not delete a call's media: {}", e.getMessage());
            }
            return null;
        }
    }

    /**
     * Run every few seconds: sends the deletes kept since their instance did not answer (one unanswered request skips
     * that instance's others until the next run; a delete an hour old is given up), and pings each instance marked
     * down that had none, so one that answers again takes new calls before its down time is over.
     */
    public void maintain() {
        Set<NgClient> silent = new HashSet<>();
        Set<NgClient> asked = new HashSet<>();
        int n = pendingDeletes.size();
        for (int i = 0; i < n; i++) {
            PendingDelete d = pendingDeletes.poll();
            if (d == null) {
                break;
            }
            boolean young = nanoTime.getAsLong() - d.since() < PENDING_DELETE_NANOS;
            if (silent.contains(d.instance())) {
                if (young) {
                    pendingDeletes.add(d);
                }
                continue;
            }
            asked.add(d.instance());
            try {
                send(d.instance(), d.request());
            } catch (NgException e) {
                // REFUSED: the instance restarted without the call; nothing is left to delete.
                if (e.kind() == NgException.Cause.TIMEOUT) {
                    silent.add(d.instance());
                    if (young) {
                        pendingDeletes.add(d);
                    }
                }
            }
        }
        for (NgClient instance : instances) {
            if (isDown(instance) && !asked.contains(instance)) {
                try {
                    send(instance, Map.of("command", "ping"));
                } catch (NgException e) {
                    // still down (send marked it again)
                }
            }
        }
    }

    /** Deletes waiting for their instance to answer. */
    public int pendingDeletes() {
        return pendingDeletes.size();
    }

    /** Calls whose media is placed on an instance now. */
    public int calls() {
        return placed.size();
    }

    /** The configured instances, and those down now. */
    public String describe() {
        List<String> out = new ArrayList<>();
        for (NgClient i : instances) {
            out.add(i.server().getHostString() + ":" + i.server().getPort() + (isDown(i) ? " (not answering)" : ""));
        }
        return String.join(", ", out);
    }

    /** The instances up now, in configuration order. */
    public List<NgClient> up() {
        return instances.stream().filter(i -> !isDown(i)).toList();
    }

    private Map<String, Object> send(NgClient instance, Map<String, Object> request) throws NgException {
        try {
            Map<String, Object> reply = instance.call(request);
            if (downUntil.remove(instance) != null) {
                LOG.info("rtpengine at {} answers again", instance.server());
            }
            return reply;
        } catch (NgException e) {
            if (e.kind() == NgException.Cause.TIMEOUT) {
                boolean wasUp = downUntil.put(instance, nanoTime.getAsLong() + downForNanos) == null;
                if (wasUp) {
                    LOG.warn("rtpengine at {} does not answer: new calls go to the other instances ({})",
                            instance.server(), e.getMessage());
                }
            } else {
                incidents.warn(e.kind().name(), "rtpengine: {} (each such failure in the next minute is not logged)",
                        e.getMessage());
            }
            throw e;
        }
    }

    /** Up instances in the Call-ID's rendezvous order, then those down (tried last: one may be back). */
    private List<NgClient> order(String callId) {
        List<NgClient> ranked = new ArrayList<>(instances);
        ranked.sort(Comparator.comparing((NgClient i) -> isDown(i))
                .thenComparing(Comparator.comparingLong((NgClient i) -> weight(callId, i)).reversed()));
        return ranked;
    }

    private boolean isDown(NgClient instance) {
        Long until = downUntil.get(instance);
        return until != null && nanoTime.getAsLong() - until < 0;
    }

    private static long weight(String callId, NgClient instance) {
        CRC32 crc = new CRC32();
        crc.update((instance.server().toString() + "|" + callId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Override
    public void close() {
        instances.forEach(NgClient::close);
    }
}
