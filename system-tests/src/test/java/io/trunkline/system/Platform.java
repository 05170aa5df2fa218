package io.trunkline.system;

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
