package io.trunkline.edge.cdr;

import io.trunkline.contract.events.EdgeEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's local append-only journal of events, written before anything is sent anywhere: a call
 * record is written before the BYE that ended the call is answered, and stays pending until the platform has
 * acknowledged it. Writes are forced to the device in groups (every {@value #FORCE_EVERY_MS} ms at most, as
 * databases commit in groups) rather than one by one, so call setup never waits on a disk flush;
 * {@link #pending()} hands out only what has been forced.
 *
 * <p>On disk the journal is a sequence of segments: the active one ({@code <node>.journal}) and closed ones
 * ({@code <node>.journal.<n>}), each starting {@code J <id> <next sequence>} (the journal's name, so event ids
 * stay unique if a node's journal is ever started afresh, and the sequence, so it survives the deletion of
 * every older segment); then one line per entry: {@code E <seq> <type> <json>} for an event, {@code A <seq>}
 * for its acknowledgement (or its setting aside). When the active segment reaches its size it is closed and a
 * new one started; the few events still pending in closed segments are carried into the new one, and closed
 * segments whose events are all acknowledged are deleted, oldest first (an acknowledgement is only ever
 * written after its event, so deleting the oldest segments never revives an event). Disk use is thus bounded
 * by what is pending plus about one segment.
 *
 * <p>Reopening reads the segments back, so the pending set and the sequence survive a restart. A node that
 * died mid-write leaves a torn last line: it is cut off the file (else the next entry would be glued onto it)
 * and a {@value EdgeEvents#JOURNAL} event says how many bytes were dropped.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** A journaled event. */
    public record Entry(long sequence, String type, String json) {
    }

    /** Size at which the active segment is closed and a new one started. */
    public static final long DEFAULT_SEGMENT_BYTES = 256 * 1024;
    static final long FORCE_EVERY_MS = 20;

    /** A segment file and what of it is still pending. */
    private static final class Segment {
        Path path;
        long number;
        int pending;
        long pendingBytes;

        Segment(Path path, long number) {
            this.path = path;
            this.number = number;
        }
    }

    /** A pending event, the segment holding it and its line's size. */
    private record Held(Entry entry, Segment segment, int bytes) {
    }

    private final Path file;
    private final long segmentBytes;
    private final TreeMap<Long, Segment> closed = new TreeMap<>();
    private final TreeMap<Long, Held> pending = new TreeMap<>();
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    /** Held by the flush forcing the file; taken before the journal's own lock, never after it. */
    private final Object forcing = new Object();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-journal-flush");
        t.setDaemon(true);
        return t;
    });
    private Segment active;
    private FileChannel channel;
    private long activeBytes;
    private long nextSegment = 1;
    private long nextSequence = 1;
    private long forcedUpTo;
    private boolean dirty;
    private String id;

    private Journal(Path file, long segmentBytes) {
        this.file = file;
        this.segmentBytes = segmentBytes;
    }

    public static Journal open(Path file) throws IOException {
        return open(file, DEFAULT_SEGMENT_BYTES);
    }

    /** Opens (or creates) the journal whose active segment is {@code file}. */
    public static Journal open(Path file, long segmentBytes) throws IOException {
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("a journal segment of " + segmentBytes + " bytes is below 1024");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Journal j = new Journal(file, segmentBytes);
        JournalReplay replay = new JournalReplay(file);
        for (Map.Entry<Long, Path> s : replay.closedSegments().entrySet()) {
            Segment segment = new Segment(s.getValue(), s.getKey());
            j.closed.put(s.getKey(), segment);
            j.replay(replay, segment);
            j.nextSegment = s.getKey() + 1;
        }
        j.active = new Segment(file, -1);
        if (Files.exists(file)) {
            j.replay(replay, j.active);
        }
        j.id = replay.id() != null ? replay.id() : Long.toString(System.currentTimeMillis(), 36);
        j.nextSequence = replay.maxSequence() + 1;
        j.forcedUpTo = replay.maxSequence();
        j.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        j.activeBytes = j.channel.size();
        if (!replay.activeHasHeader()) {
            // A new journal, or an active segment whose header was torn: named (from the clock when new) first.
            j.write(j.header());
            j.channel.force(false);
            j.forceDirectory();
        }
        j.flusher.scheduleWithFixedDelay(j::flush, FORCE_EVERY_MS, FORCE_EVERY_MS, TimeUnit.MILLISECONDS);
        if (replay.tornBytes() > 0 || replay.unreadableLines() > 0) {
            LOG.warn("journal {}: a write cut short left {} byte(s) and {} unreadable line(s); dropped", file,
                    replay.tornBytes(), replay.unreadableLines());
            j.append(EdgeEvents.JOURNAL, JournalReports.tornWrite(replay, file));
        }
        if (!j.pending.isEmpty()) {
            LOG.info("journal {}: {} event(s) still to deliver, next sequence {}", file, j.pending.size(), j.nextSequence);
        }
        return j;
    }

    private void replay(JournalReplay replay, Segment segment) throws IOException {
        replay.read(segment.path, segment == active, new JournalReplay.Lines() {
            @Override
            public void event(long sequence, String type, String json, int bytes) {
                hold(new Entry(sequence, type, json), segment, bytes);
            }

            @Override
            public void acknowledged(long sequence) {
                release(sequence);
            }
        });
    }

    /**
     * Forces what was written since the last flush: on return, every event appended before the call is forced and
     * deliverable. A flush meeting another one under way waits for it (the other took the events this one would
     * force), without holding up appends.
     */
    public void flush() {
        synchronized (forcing) {
            forceWritten();
        }
    }

    private void forceWritten() {
        long upTo;
        FileChannel forced;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            dirty = false;
            upTo = nextSequence - 1;
            forced = channel;
        }
        try {
            forced.force(false);
            synchronized (this) {
                forcedUpTo = Math.max(forcedUpTo, upTo);
            }
            for (Runnable listener : appendListeners) {
                listener.run();
            }
        } catch (ClosedChannelException e) {
            // The segment was closed meanwhile and forced as it closed; the new one's header made it dirty again.
            LOG.debug("journal {}: segment closed while being forced", file);
        } catch (IOException e) {
            synchronized (this) {
                dirty = true;
            }
            LOG.error("journal {} not forced to disk: {}", file, e.toString());
        }
    }

    /** Writes an event (forced with the next group); returns its sequence number. */
    public synchronized long append(String type, String json) throws IOException {
        if (type.contains(" ") || json.contains("\n")) {
            throw new IllegalArgumentException("journal entries are one line: no space in the type, no newline in the body");
        }
        long seq = nextSequence++;
        String line = "E " + seq + " " + type + " " + json + "\n";
        int bytes = write(line);
        hold(new Entry(seq, type, json), active, bytes);
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
            if (release(seq)) {
                lines.append("A ").append(seq).append('\n');
            }
        }
        if (lines.length() > 0) {
            write(lines.toString());
            deleteAcknowledgedSegments();
        }
    }

    /**
     * Takes an event that cannot be sent out of the pending set, keeping its text and the reason in
     * {@code <node>.journal.set-aside} (one JSON object a line) and journaling a {@value EdgeEvents#JOURNAL}
     * event that says so: one bad entry must not hold back every later one.
     */
    public synchronized void setAside(long sequence, String reason) throws IOException {
        Held held = pending.get(sequence);
        if (held == null) {
            return;
        }
        Path aside = setAsideFile();
        try (FileChannel side = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(JournalReports.kept(held.entry(), reason).getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                side.write(buffer);
            }
            side.force(false);
        }
        acknowledge(List.of(sequence));
        append(EdgeEvents.JOURNAL, JournalReports.setAside(held.entry(), reason, aside));
        LOG.error("journal {}: event {} set aside ({}), kept in {}", file, sequence, reason, aside);
    }

    /** Where set-aside entries are kept. */
    public Path setAsideFile() {
        return file.resolveSibling(file.getFileName() + ".set-aside");
    }

    /** Events on disk and not yet acknowledged, oldest first. */
    public synchronized List<Entry> pending() {
        return pending(Integer.MAX_VALUE);
    }

    /** At most {@code max} of the oldest deliverable events. */
    public synchronized List<Entry> pending(int max) {
        List<Entry> out = new ArrayList<>(Math.min(max, pending.size()));
        for (Held h : pending.headMap(forcedUpTo, true).values()) {
            if (out.size() == max) {
                break;
            }
            out.add(h.entry());
        }
        return out;
    }

    /** How many events wait for delivery (forced or not). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * How many events could be delivered now: pending and forced to disk, the ones {@link #pending(int)} returns.
     * Counted as all pending minus the not-yet-forced tail, which is short, so it costs no walk over a long backlog.
     */
    public synchronized int deliverableCount() {
        return pending.size() - pending.tailMap(forcedUpTo, false).size();
    }

    public synchronized Map<Long, Entry> pendingBySequence() {
        Map<Long, Entry> out = new TreeMap<>();
        pending.forEach((seq, held) -> out.put(seq, held.entry()));
        return out;
    }

    /** The active segment. */
    public Path file() {
        return file;
    }

    /** Every segment file on disk, oldest first. */
    public synchronized List<Path> segments() {
        List<Path> out = new ArrayList<>();
        closed.values().forEach(s -> out.add(s.path));
        out.add(file);
        return out;
    }

    private void hold(Entry entry, Segment segment, int bytes) {
        // A carried event appears again in a later segment: the later copy is the one that counts.
        release(entry.sequence());
        pending.put(entry.sequence(), new Held(entry, segment, bytes));
        segment.pending++;
        segment.pendingBytes += bytes;
    }

    private boolean release(long sequence) {
        Held held = pending.remove(sequence);
        if (held == null) {
            return false;
        }
        held.segment().pending--;
        held.segment().pendingBytes -= held.bytes();
        return true;
    }

    private String header() {
        return "J " + id + " " + nextSequence + "\n";
    }

    private int write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (activeBytes + bytes.length > segmentBytes && activeBytes > header().length()) {
            rotate();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        activeBytes += bytes.length;
        dirty = true;
        return bytes.length;
    }

    /**
     * Closes the active segment (forced first) under the next number and starts a new one; carries the events
     * still pending in older closed segments into it when they are few, then deletes the closed segments left
     * with nothing pending.
     */
    private void rotate() throws IOException {
        channel.force(false);
        channel.close();
        forcedUpTo = nextSequence - 1;
        long number = nextSegment++;
        Path closedPath = file.resolveSibling(JournalReplay.segmentName(file, number));
        Files.move(file, closedPath, StandardCopyOption.ATOMIC_MOVE);
        active.path = closedPath;
        active.number = number;
        closed.put(number, active);
        active = new Segment(file, -1);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        activeBytes = 0;
        write(header());
        // The segment just closed holds the batch in flight, acknowledged in a moment; older ones hold stragglers.
        Segment justClosed = closed.lastEntry().getValue();
        long carried = closed.values().stream().filter(s -> s != justClosed).mapToLong(s -> s.pendingBytes).sum();
        if (carried > 0 && carried <= segmentBytes / 4) {
            for (Held held : new ArrayList<>(pending.values())) {
                if (held.segment() != active && held.segment() != justClosed) {
                    Entry e = held.entry();
                    int bytes = write("E " + e.sequence() + " " + e.type() + " " + e.json() + "\n");
                    hold(e, active, bytes);
                }
            }
        }
        // Carried events are on disk in the new segment, and the segment in its directory, before the old copies go.
        channel.force(false);
        forceDirectory();
        deleteAcknowledgedSegments();
    }

    /**
     * Forces the directory, so that a renamed or new segment file survives a power loss as well as its data
     * (POSIX fsync(2) on a file does not cover its directory entry). Where a directory cannot be opened the
     * file system gives no such guarantee to ask for.
     */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("journal directory of {} not forced: {}", file, e.toString());
        }
    }

    private void deleteAcknowledgedSegments() throws IOException {
        while (!closed.isEmpty() && closed.firstEntry().getValue().pending == 0) {
            Segment oldest = closed.pollFirstEntry().getValue();
            Files.deleteIfExists(oldest.path);
        }
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
