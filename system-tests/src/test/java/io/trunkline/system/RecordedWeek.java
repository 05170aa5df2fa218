package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.json.JsonObject;
import javax.json.JsonValue;

/**
 * The demo's recorded week of the Chicago branch (its Asterisk CDRs of 9-13 November 2026, Canadian calls among
 * them), taken in through the branch's CDR inbox, and removed again with the metric windows it made, so the classes
 * after a test find the database as it was.
 */
final class RecordedWeek {

    static final String FILE = "Master-2026-11-09.csv";
    static final String FROM = "2026-11-09";
    static final String TO = "2026-11-16";
    private static final Path WEEK = Path.of("..", "demo", "cdr", "branch-asterisk", FILE);

    private RecordedWeek() {
    }

    /** Drops the week in the branch's inbox and waits until it is stored; its ingest file id. */
    static long load() throws Exception {
        return load(FILE, Files.readAllBytes(WEEK));
    }

    /** Drops {@code content} as {@code name} in the branch's inbox and waits until it is stored; its ingest file id. */
    static long load(String name, byte[] content) throws Exception {
        Platform.drop(Platform.inbox("branch-asterisk"), name, content);
        JsonObject file = await(Duration.ofSeconds(60), () -> Api.get("ingest/files", "oscar").json().asJsonArray().stream()
                .map(JsonValue::asJsonObject).filter(f -> f.getString("file").equals(name) && !f.getString("status")
                        .equals("RECEIVING")).findFirst().orElse(null));
        assertThat(file.getString("status")).isEqualTo("STORED");
        return file.getJsonNumber("id").longValue();
    }

    /** Removes the week's records, its file and the metric windows it made (once they are rolled up). */
    static void forget(long fileId) throws Exception {
        Instant from = Instant.parse(FROM + "T00:00:00Z");
        Instant to = Instant.parse(TO + "T00:00:00Z");
        await(Duration.ofSeconds(60), () -> count("SELECT count(*) FROM metric_dirty WHERE window_start >= ? "
                + "AND window_start < ?", from, to) == 0 ? true : null);
        try (Connection db = database()) {
            for (String sql : List.of("DELETE FROM cdr WHERE ingest_file_id = ?", "DELETE FROM quarantined_record "
                    + "WHERE ingest_file_id = ?", "DELETE FROM ingest_file WHERE id = ?")) {
                try (PreparedStatement ps = db.prepareStatement(sql)) {
                    ps.setLong(1, fileId);
                    ps.executeUpdate();
                }
            }
            for (String table : List.of("metric_window", "metric_dirty")) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + table
                        + " WHERE window_start >= ? AND window_start < ?")) {
                    ps.setTimestamp(1, Timestamp.from(from));
                    ps.setTimestamp(2, Timestamp.from(to));
                    ps.executeUpdate();
                }
            }
        }
    }

    private static long count(String sql, Instant from, Instant to) throws Exception {
        try (Connection db = database(); PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
