package io.trunkline.edge.cdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's local append-only journal of events, written before anything is sent anywhere: a call
 * record is on disk before the platform hears of it, and stays pending until the platform has
 * acknowledged it. Writes are forced to the device in groups (every {@value #FORCE_EVERY_MS} ms at most, as
 * databases commit in groups) rather than one by one, so call setup never waits on a disk flush;
 * {@link #pending()} hands out only what has been forced. The first line {@code J <id>} names the journal (so
 * event ids stay unique if a node's journal is ever started afresh); then one line per entry:
 * {@code E <seq> <type> <json>} for an event, {@code A <seq>} for its acknowledgement. Reopening reads the file back, so the pending set and the
 * sequence survive a restart; a torn last line (the node died mid-write) is ignored.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** A journaled event. */
    public record Entry(long sequence, String type, String json) {
    }

    static final long FORCE_EVERY_MS = 20;

    private final Path file;
    private final FileChannel channel;
    private long forcedUpTo;
    private boolean dirty;
    private final java.util.concurrent.ScheduledExecutorService flusher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "edge-journal-flush");
                t.setDaemon(true);
                return t;
            });
    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    private long nextSequence = 1;
    private String id;
    private final List<Runnable> appendListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        flusher.scheduleWithFixedDelay(this::flush, FORCE_EVERY_MS, FORCE_EVERY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Forces what was written since the last flush. */
    public void flush() {
        long upTo;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            dirty = false;
            upTo = nextSequence - 1;
        }
        try {
            channel.force(false);
            synchronized (this) {
                forcedUpTo = Math.max(forcedUpTo, upTo);
            }
            for (Runnable listener : appendListeners) {
                listener.run();
            }
        } catch (IOException e) {
            synchronized (this) {
                dirty = true;
            }
            LOG.error("journal {} not forced to disk: {}", file, e.toString());
        }
    }

    public static Journal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        TreeMap<Long, Entry> events = new TreeMap<>();
        long max = 0;
        int torn = 0;
        String id = null;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    if (line.startsWith("J ") && id == null) {
                        id = line.substring(2).trim();
                    } else if (line.startsWith("E ")) {
                        String[] parts = line.split(" ", 4);
                        long seq = Long.parseLong(parts[1]);
                        events.put(seq, new Entry(seq, parts[2], parts[3]));
                        max = Math.max(max, seq);
                    } else if (line.startsWith("A ")) {
                        events.remove(Long.parseLong(line.substring(2).trim()));
                    } else if (!line.isBlank()) {
                        torn++;
                    }
                } catch (RuntimeException e) {
                    torn++;
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        Journal j = new Journal(file, channel);
        if (id == null) {
            // A new journal (or one written before journals were named): named now, from the clock.
            id = Long.toString(System.currentTimeMillis(), 36);
            j.write("J " + id + "\n");
            channel.force(false);
        }
        j.id = id;
        j.pending.putAll(events);
        j.nextSequence = max + 1;
        j.forcedUpTo = max;
        if (torn > 0) {
            LOG.warn("journal {}: {} unreadable line(s) ignored (a write cut short)", file, torn);
        }
        if (!events.isEmpty()) {
            LOG.info("journal {}: {} event(s) still to deliver, next sequence {}", file, events.size(), j.nextSequence);
        }
        return j;
    }

    /** Writes an event (forced with the next group); returns its sequence number. */
    public synchronized long append(String type, String json) throws IOException {
        if (type.contains(" ") || json.contains("\n")) {
            throw new IllegalArgumentException("journal entries are one line: no space in the type, no newline in the body");
        }
        long seq = nextSequence++;
        write("E " + seq + " " + type + " " + json + "\n");
        pending.put(seq, new Entry(seq, type, json));
        return seq;
    }

    /** The journal's name, part of every event id. */
    public String id() {
        return id;
    }

    /** Called (outside the journal's lock) after each flush that made new events deliverable. */
    public void onDeliverable(Runnable listener) {
        appendListeners.add(listener);
    }

    /** Marks events delivered: they leave the pending set, now and after a restart. */
    public synchronized void acknowledge(List<Long> sequences) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (long seq : sequences) {
            if (pending.remove(seq) != null) {
                lines.append("A ").append(seq).append('\n');
            }
        }
        if (lines.length() > 0) {
            write(lines.toString());
        }
    }

    /** Events on disk and not yet acknowledged, oldest first. */
    public synchronized List<Entry> pending() {
        return new ArrayList<>(pending.headMap(forcedUpTo, true).values());
    }

    /** At most {@code max} of the oldest deliverable events. */
    public synchronized List<Entry> pending(int max) {
        List<Entry> out = new ArrayList<>(Math.min(max, pending.size()));
        for (Entry e : pending.headMap(forcedUpTo, true).values()) {
            if (out.size() == max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** How many events wait for delivery (forced or not). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized Map<Long, Entry> pendingBySequence() {
        return new TreeMap<>(pending);
    }

    public Path file() {
        return file;
    }

    private void write(String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        dirty = true;
    }

    @Override
    public void close() throws IOException {
        flusher.shutdownNow();
        flush();
        synchronized (this) {
            channel.close();
        }
    }
}
