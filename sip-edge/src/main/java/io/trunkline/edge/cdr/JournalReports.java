package io.trunkline.edge.cdr;

import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.contract.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the {@link Journal} says about itself: the bodies of its {@value EdgeEvents#JOURNAL} events. */
final class JournalReports {

    /** How much of a dropped fragment or set-aside entry an event quotes. */
    static final int QUOTED_CHARS = 200;

    private JournalReports() {
    }

    /** A write cut short, found when the journal opened. */
    static String tornWrite(JournalReplay replay, Path file) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "TORN_WRITE");
        event.put("droppedBytes", replay.tornBytes());
        event.put("unreadableLines", replay.unreadableLines());
        event.put("fragment", quote(replay.fragment()));
        event.put("journal", file.getFileName().toString());
        event.put("at", Instant.now().toString());
        return Json.write(event);
    }

    /** An entry set aside as unsendable. */
    static String setAside(Journal.Entry entry, String reason, Path keptIn) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "SET_ASIDE");
        event.put("sequence", entry.sequence());
        event.put("reason", reason);
        event.put("text", quote(entry.type() + " " + entry.json()));
        event.put("keptIn", keptIn.getFileName().toString());
        event.put("at", Instant.now().toString());
        return Json.write(event);
    }

    /** The set-aside file's line for an entry: all of it, with the reason. */
    static String kept(Journal.Entry entry, String reason) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("sequence", entry.sequence());
        kept.put("type", entry.type());
        kept.put("reason", reason);
        kept.put("text", entry.json());
        kept.put("at", Instant.now().toString());
        return Json.write(kept) + "\n";
    }

    static String quote(String text) {
        return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "…";
    }
}
