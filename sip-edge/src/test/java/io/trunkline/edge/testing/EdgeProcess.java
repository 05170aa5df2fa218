package io.trunkline.edge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An edge node started from the real jar in its own JVM, for tests that need real nodes. */
public final class EdgeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private EdgeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts node {@code nodeId} with SIP on 127.0.0.1:{@code sipPort} and its cluster port, joining
     * {@code members}; its configuration and log go to {@code dir}.
     */
    public static EdgeProcess start(Path jar, Path dir, String nodeId, int sipPort, int clusterPort, String members)
            throws IOException {
        return start(jar, dir, nodeId, sipPort, clusterPort, members, java.util.Map.of());
    }

    /** As {@link #start(Path, Path, String, int, int, String)}, with further configuration keys. */
    public static EdgeProcess start(Path jar, Path dir, String nodeId, int sipPort, int clusterPort, String members,
                                    java.util.Map<String, String> more) throws IOException {
        Path config = dir.resolve(nodeId + ".properties");
        StringBuilder extra = new StringBuilder();
        if (!more.containsKey("journal.dir")) {
            extra.append("journal.dir=").append(dir.resolve("journal")).append('\n');
        }
        if (more.keySet().stream().noneMatch(k -> k.startsWith("overload."))) {
            // Test nodes take their decisions from stubs or a platform started seconds ago: overload control would
            // shed a test's first calls. OverloadIT, which sets overload keys, tests it.
            extra.append("overload.enabled=false\n");
        }
        more.forEach((k, v) -> extra.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, String.join("\n",
                "node.id=" + nodeId,
                "sip.address=127.0.0.1",
                "sip.port=" + sipPort,
                "cluster.port=" + clusterPort,
                "cluster.members=" + members, "") + extra);
        Path log = dir.resolve(nodeId + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m",
                "--add-modules", "java.se",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-jar", jar.toString(), "--config", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new EdgeProcess(p, log);
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits up to {@code seconds} for the node to log {@code text}: it logs after it has answered. */
    public void awaitLog(String text, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!log().contains(text) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        if (!log().contains(text)) {
            throw new AssertionError("edge log has no '" + text + "' after " + seconds + " s");
        }
    }

    /** How many times the node has logged {@code text} so far. */
    public int count(String text) {
        return log().split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    /** Waits up to {@code seconds} for the node to log {@code text} more than {@code before} times. */
    public void awaitMore(String text, int before, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(text) <= before && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        if (count(text) <= before) {
            throw new AssertionError("edge logged '" + text + "' no more than " + before + " times in " + seconds + " s");
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crashed node. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
