package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.subsystem;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.json.Json;
import javax.json.JsonObject;
import javax.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ops path of ear/README.md, step by step, on a stock WildFly unpacked from the distribution zip (not the
 * server provisioned by {@code server/}): the realm's user files and one user, the server started with
 * {@code bin/standalone.sh}, {@code configure.cli} applied over its management connection, reload, the EAR deployed
 * and redeployed with {@code jboss-cli.sh deploy}, every subsystem UP each time; then, the server stopped,
 * {@code configure.cli} run again offline succeeds and changes nothing. A plain JUnit test: the server is started
 * the way an ops engineer starts it, not by Arquillian.
 */
class OpsPathIT {

    /** Every socket binding of the server shifted by 300, clear of the other system tests' 8080 and 9990. */
    private static final int PORT_OFFSET = 300;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final int MANAGEMENT_PORT = 9990 + PORT_OFFSET;
    private static final String CONTROLLER = "--controller=127.0.0.1:" + MANAGEMENT_PORT;
    private static final int EDGE_SIP_PORT = 15390;
    private static final int EDGE_CLUSTER_PORT = 15721;
    private static final String EVENTS_SIP = "127.0.0.1:5390";
    private static final String USER = "ops-engineer";
    private static final String PASSWORD = "Ops-path-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path work = Path.of("target", "ops-path").toAbsolutePath();
    private final Path cliDir = Path.of(System.getProperty("trunkline.cli.dir")).toAbsolutePath();
    private Path home;
    private Process server;
    private EdgeProcess edge;

    @Test
    void documentedStepsRunThePlatformOnAStockServerAndASecondConfigureChangesNothing() throws Exception {
        String dbUrl = System.getProperty("trunkline.ops.db.url");
        try (Connection c = DriverManager.getConnection(dbUrl, System.getProperty("trunkline.db.user"),
                System.getProperty("trunkline.db.password"))) {
            assertThat(c.isValid(5)).as("database %s (./trunkline test creates it)", dbUrl).isTrue();
        }
        for (int port : List.of(HTTP_PORT, MANAGEMENT_PORT, EDGE_SIP_PORT, EDGE_CLUSTER_PORT)) {
            assertThat(listening(port)).as("port %d is in use", port).isFalse();
        }
        home = unpackStockDistribution();
        Path properties = work.resolve("trunkline.properties");
        Files.writeString(properties, String.join("\n",
                "trunkline.db=postgresql",
                "trunkline.db.url=" + dbUrl,
                "trunkline.db.user=" + System.getProperty("trunkline.db.user"),
                "trunkline.db.password=" + System.getProperty("trunkline.db.password"),
                "trunkline.postgresql.jar=" + Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()), ""));

        // 1. The realm's user files, then a user added with add-user.sh.
        run("users", List.of("bash", cliDir.resolve("add-demo-users.sh").toString(), "false"));
        run("add-user", List.of(home.resolve("bin/add-user.sh").toString(), "-sc",
                home.resolve("standalone/configuration").toString(), "-up", "trunkline-users.properties",
                "-gp", "trunkline-roles.properties", "-r", "Trunkline", "-u", USER, "-p", PASSWORD, "-g", "ops"));

        // 2. The stock server started as shipped, configured over its management connection, reloaded.
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), Files.createDirectories(work.resolve("edge")),
                "ops-edge", EDGE_SIP_PORT, EDGE_CLUSTER_PORT, "127.0.0.1:" + EDGE_CLUSTER_PORT,
                Map.of("platform.url", "http://127.0.0.1:" + HTTP_PORT));
        server = startServer();
        await(Duration.ofSeconds(120), () -> listening(HTTP_PORT) ? Boolean.TRUE : null);
        String configured = run("configure", List.of(cli(), "--connect", CONTROLLER, "--resolve-parameter-values",
                "--properties=" + properties, "--file=" + cliDir.resolve("configure.cli")));
        assertThat(configured).contains("\"outcome\" => \"success\"");
        run("reload", List.of(cli(), "--connect", CONTROLLER, "--command=reload"));

        // 3. Deployed, then redeployed as a new build is: every subsystem UP after each.
        String ear = Path.of(System.getProperty("trunkline.ear")).toAbsolutePath().toString();
        run("deploy", List.of(cli(), "--connect", CONTROLLER, "--command=deploy " + ear));
        assertEverySubsystemUp();
        run("redeploy", List.of(cli(), "--connect", CONTROLLER, "--command=deploy " + ear + " --force"));
        assertEverySubsystemUp();
        assertThat(status("carriers", USER + ":" + PASSWORD)).as("the user added by add-user.sh").isEqualTo(200);
        assertThat(status("carriers", USER + ":wrong")).isEqualTo(401);

        // 4. Configured again, running and then stopped (offline, as server/ provisions): nothing left to change.
        String rerun = run("configure-rerun", List.of(cli(), "--connect", CONTROLLER, "--resolve-parameter-values",
                "--properties=" + properties, "--file=" + cliDir.resolve("configure.cli")));
        assertThat(rerun).as("no operation runs on the running server").doesNotContain("outcome");
        run("shutdown", List.of(cli(), "--connect", CONTROLLER, "--command=shutdown"));
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stopped").isTrue();
        Path xml = home.resolve("standalone/configuration/standalone.xml");
        Path module = home.resolve("modules/org/postgresql/main/module.xml");
        byte[] xmlBefore = Files.readAllBytes(xml);
        byte[] moduleBefore = Files.readAllBytes(module);
        Path offline = work.resolve("configure-offline.cli");
        Files.writeString(offline, "embed-server --std-out=discard --server-config=standalone.xml\n"
                + Files.readString(cliDir.resolve("configure.cli")) + "\nstop-embedded-server\n");
        String again = run("configure-again", List.of(cli(), "--resolve-parameter-values",
                "--properties=" + properties, "--file=" + offline));
        assertThat(again).as("no operation runs: every change is in place").doesNotContain("outcome");
        assertThat(Files.readAllBytes(xml)).as("standalone.xml unchanged").isEqualTo(xmlBefore);
        assertThat(Files.readAllBytes(module)).isEqualTo(moduleBefore);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (server != null && server.isAlive()) {
            // standalone.sh runs the server JVM as its child: both go.
            List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
            tree.add(server.toHandle());
            tree.forEach(ProcessHandle::destroy);
            if (!server.waitFor(30, TimeUnit.SECONDS) || tree.stream().anyMatch(ProcessHandle::isAlive)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private void assertEverySubsystemUp() throws Exception {
        JsonObject health = await(Duration.ofSeconds(120), () -> {
            // The details are for ops: the user added with add-user.sh has the role.
            HttpResponse<String> r = HTTP.send(request("health", USER + ":" + PASSWORD).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.createReader(new StringReader(r.body())).readObject() : null;
        });
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonArray("subsystems").stream().map(JsonValue::asJsonObject)
                .map(s -> s.getString("name") + "=" + s.getString("status")))
                .containsExactly("database=UP", "rules=UP", "workflows=UP", "camel=UP", "edge=UP");
        assertThat(subsystem(health, "database").getString("product")).startsWith("PostgreSQL");
        assertThat(subsystem(health, "edge").getJsonArray("members").getJsonObject(0).getString("node"))
                .isEqualTo("ops-edge");
    }

    /** A fresh copy of the distribution zip as downloaded, in target/ops-path. */
    private Path unpackStockDistribution() throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> old = Files.walk(work)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path zip = Path.of(System.getProperty("wildfly.dist"));
        assertThat(zip).as("the WildFly distribution in the local Maven repository").isRegularFile();
        String top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = work.resolve(e.getName()).normalize();
                assertThat(target.startsWith(work)).as("entry %s stays inside", e.getName()).isTrue();
                top = top == null ? e.getName().split("/")[0] : top;
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpacked = work.resolve(top);
        // The zip keeps its scripts' execute bits, which ZipInputStream does not restore.
        try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        return unpacked;
    }

    private Process startServer() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-Dtrunkline.edge.members=127.0.0.1:" + EDGE_CLUSTER_PORT, "-Dtrunkline.events.sip=" + EVENTS_SIP);
        pb.environment().put("JBOSS_HOME", home.toString());
        // The heap and metaspace ear/README.md asks for: standalone.conf's defaults are too small for the platform.
        pb.environment().put("JAVA_OPTS", "-Xms256m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m"
                + " -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        return pb.redirectErrorStream(true).redirectOutput(work.resolve("server.out").toFile()).start();
    }

    private String cli() {
        return home.resolve("bin/jboss-cli.sh").toString();
    }

    /** Runs a step of the README; it must end with exit code 0. Returns its output. */
    private String run(String step, List<String> command) throws Exception {
        Path out = work.resolve(step + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JBOSS_HOME", home.toString());
        Process p = pb.start();
        boolean ended = p.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(ended && p.exitValue() == 0).as("%s: %s%n%s", step, command, output).isTrue();
        return output;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int status(String path, String credentials) throws IOException, InterruptedException {
        return HTTP.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/v1/" + path))
                .timeout(Duration.ofSeconds(30));
        if (credentials != null) {
            b.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }
}
