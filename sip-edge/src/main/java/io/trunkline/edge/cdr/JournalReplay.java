package io.trunkline.edge.cdr;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a {@link Journal}'s segments back when it opens: the entries line by line, the journal's name and
 * highest sequence; a torn last line (bytes after the last newline: the node died mid-write) is cut off its
 * file and counted, as are complete lines that cannot be read.
 */
final class JournalReplay {

    /** What the lines of a segment say, in order. */
    interface Lines {
        void event(long sequence, String type, String json, int bytes);

        void acknowledged(long sequence);
    }

    private final Path file;
    private String id;
    private long maxSequence;
    private long tornBytes;
    private int unreadableLines;
    private String fragment = "";
    private boolean activeHasHeader;

    JournalReplay(Path file) {
        this.file = file;
    }

    static String segmentName(Path file, long number) {
        return String.format("%s.%06d", file.getFileName(), number);
    }

    /** The closed segments beside the active file, by number. */
    Map<Long, Path> closedSegments() throws IOException {
        Map<Long, Path> out = new TreeMap<>();
        Path dir = file.toAbsolutePath().getParent();
        Pattern name = Pattern.compile(Pattern.quote(file.getFileName().toString()) + "\\.(\\d{6,18})");
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.put(Long.parseLong(m.group(1)), file.resolveSibling(p.getFileName()));
                }
            });
        }
        return out;
    }

    void read(Path segment, boolean active, Lines lines) throws IOException {
        long complete = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                complete += line.size() + 1;
                line(line.toString(StandardCharsets.UTF_8), line.size() + 1, active, lines);
                line.reset();
            }
        }
        if (line.size() > 0) {
            tornBytes += line.size();
            fragment = line.toString(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
                channel.force(true);
            }
        }
    }

    private void line(String text, int bytes, boolean active, Lines lines) {
        try {
            if (text.startsWith("J ")) {
                String[] parts = text.trim().split(" ");
                if (id == null) {
                    id = parts[1];
                }
                if (parts.length > 2) {
                    maxSequence = Math.max(maxSequence, Long.parseLong(parts[2]) - 1);
                }
                activeHasHeader |= active;
            } else if (text.startsWith("E ")) {
                String[] parts = text.split(" ", 4);
                long seq = Long.parseLong(parts[1]);
                if (parts.length < 4) {
                    throw new IllegalArgumentException("an event line has four parts");
                }
                maxSequence = Math.max(maxSequence, seq);
                lines.event(seq, parts[2], parts[3], bytes);
            } else if (text.startsWith("A ")) {
                lines.acknowledged(Long.parseLong(text.substring(2).trim()));
            } else if (!text.isBlank()) {
                unreadable(text);
            }
        } catch (RuntimeException e) {
            unreadable(text);
        }
    }

    private void unreadable(String text) {
        unreadableLines++;
        if (fragment.isEmpty()) {
            fragment = text;
        }
    }

    String id() {
        return id;
    }

    long maxSequence() {
        return maxSequence;
    }

    long tornBytes() {
        return tornBytes;
    }

    int unreadableLines() {
        return unreadableLines;
    }

    String fragment() {
        return fragment;
    }

    boolean activeHasHeader() {
        return activeHasHeader;
    }
}
