package io.trunkline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.json.JsonObject;
import javax.json.JsonValue;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** What every system test needs of the running platform: its database, its health report, waiting for a state. */
final class Platform {

    /** The deployment's name on the test server, as {@code jboss-cli.sh deploy} names it. */
    static final String DEPLOYMENT = "trunkline.ear";

    private Platform() {
    }

    /**
     * Deploys the EAR as built ({@code trunkline.ear}, unmanaged: the server reads the file where the build left it)
     * on the started test server and returns once it is deployed; a deployment an earlier class left is replaced.
     * Arquillian's deployer would export the archive again and upload it, about 5 s of CPU for an 80 MB EAR.
     */
    static void deploy() throws Exception {
        ModelNode address = Operations.createAddress("deployment", DEPLOYMENT);
        try (ModelControllerClient client = management()) {
            ModelNode present = client.execute(Operations.createReadResourceOperation(address));
            if (Operations.isSuccessfulOutcome(present)) {
                execute(client, Operations.createRemoveOperation(address));
            }
            ModelNode add = Operations.createAddOperation(address);
            ModelNode content = new ModelNode();
            content.get("path").set(Path.of(System.getProperty("trunkline.ear")).toAbsolutePath().normalize().toString());
            content.get("archive").set(true);
            add.get("content").add(content);
            add.get("enabled").set(true);
            execute(client, add);
        }
    }

    /** Undeploys the EAR and removes it from the server's configuration. */
    static void undeploy() throws Exception {
        try (ModelControllerClient client = management()) {
            execute(client, Operations.createRemoveOperation(Operations.createAddress("deployment", DEPLOYMENT)));
        }
    }

    /** Sets system properties on the started test server, replacing any an earlier class left. */
    static void setProperties(Map<String, String> properties) throws Exception {
        try (ModelControllerClient client = management()) {
            for (Map.Entry<String, String> p : new TreeMap<>(properties).entrySet()) {
                ModelNode address = Operations.createAddress("system-property", p.getKey());
                if (Operations.isSuccessfulOutcome(client.execute(Operations.createReadResourceOperation(address)))) {
                    execute(client, Operations.createRemoveOperation(address));
                }
                ModelNode add = Operations.createAddOperation(address);
                add.get("value").set(p.getValue());
                execute(client, add);
            }
        }
    }

    /** Removes system properties a test set; each must exist. */
    static void removeProperties(Collection<String> names) throws Exception {
        try (ModelControllerClient client = management()) {
            for (String name : names) {
                execute(client, Operations.createRemoveOperation(Operations.createAddress("system-property", name)));
            }
        }
    }

    /**
     * The test server's count of classes unloaded since it started, read after a full collection (the JVM's platform
     * MBeans through the management interface).
     */
    static long unloadedClassesAfterCollection() throws Exception {
        try (ModelControllerClient client = management()) {
            ModelNode gc = Operations.createOperation("gc", Operations.createAddress("core-service", "platform-mbean",
                    "type", "memory"));
            execute(client, gc);
            ModelNode read = Operations.createReadAttributeOperation(Operations.createAddress("core-service",
                    "platform-mbean", "type", "class-loading"), "unloaded-class-count");
            ModelNode outcome = client.execute(read);
            assertThat(Operations.isSuccessfulOutcome(outcome)).as(read + " -> " + outcome).isTrue();
            return Operations.readResult(outcome).asLong();
        }
    }

    private static ModelControllerClient management() throws Exception {
        // The test server's management interface, local authentication (as Arquillian and jboss-cli.sh connect).
        return ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990);
    }

    private static void execute(ModelControllerClient client, ModelNode op) throws Exception {
        ModelNode outcome = client.execute(op);
        assertThat(Operations.isSuccessfulOutcome(outcome)).as(op + " -> " + outcome).isTrue();
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
