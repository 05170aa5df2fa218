package io.trunkline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javax.json.JsonObject;
import javax.json.JsonValue;

/** What every system test needs of the running platform: its database, its health report, waiting for a state. */
final class Platform {

    private Platform() {
    }

    static JsonObject subsystem(JsonObject health, String name) {
        return health.getJsonArray("subsystems").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow().getJsonObject("details");
    }

    static Connection database() throws Exception {
        return DriverManager.getConnection(System.getProperty("trunkline.db.url"),
                System.getProperty("trunkline.db.user"), System.getProperty("trunkline.db.password"));
    }

    /** Creates or replaces the demo enterprise's items of each kind ({@code carriers}, {@code pbxs}, {@code dids}). */
    static void loadDemo(String... kinds) throws Exception {
        for (String kind : kinds) {
            try (var files = Files.list(Path.of("..", "demo").resolve(kind))) {
                for (Path f : files.sorted().toList()) {
                    String id = f.getFileName().toString().replace(".json", "");
                    Api.Reply r = Api.putJson(kind + "/" + id, "oscar", Files.readString(f));
                    assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
                }
            }
        }
    }

    /** A CDR source's inbox, as the health report names it. */
    static Path inbox(String source) throws Exception {
        JsonObject camel = subsystem(Api.get("health", "oscar").json().asJsonObject(), "camel");
        return Path.of(camel.getJsonObject("inboxes").getString("cdr." + source));
    }

    /** Drops a file in an inbox as a PBX or an uploader would: written aside, then moved in whole. */
    static void drop(Path inbox, String name, byte[] content) throws Exception {
        Path tmp = Files.createTempFile(inbox.getParent(), "cdr", ".part");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Polls until {@code probe} returns non-null (exceptions count as not yet). */
    static <T> T await(Duration limit, Callable<T> probe) throws Exception {
        Instant end = Instant.now().plus(limit);
        Exception last = null;
        while (Instant.now().isBefore(end)) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e instanceof Exception ? (Exception) e : new Exception(e);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("condition not met within " + limit, last);
    }
}
