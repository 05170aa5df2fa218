package io.trunkline.edge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** SIPp (Debian's sip-tester) as a PBX or carrier in tests: on loopback, bounded in time, log per run. */
public final class Sipp {

    private Sipp() {
    }

    /** Starts {@code sipp args} in {@code dir}, logging to {@code dir/<name>.log}; add {@code -m} for the call count. */
    public static Process start(Path dir, String name, String... args) throws IOException {
        return start(dir, name, 30, args);
    }

    /** As {@link #start(Path, String, String...)}, SIPp ending in error after {@code timeoutSeconds} instead of 30. */
    public static Process start(Path dir, String name, int timeoutSeconds, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-i", "127.0.0.1", "-timeout", timeoutSeconds + "s", "-timeout_error", "-nostdin"));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /**
     * Ends every SIPp this JVM started that still runs: a test that failed leaves its peers on the ports the next test
     * binds. For an {@code @AfterEach}.
     */
    public static void endLeftoverPeers() {
        ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sipp") || c.equals("sipp")).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
    }

    /** SIPp's exit code (0: every call as the scenario says), or -1 when it did not end within a minute. */
    public static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * What SIPp run with {@code -trace_err} wrote of its unexpected messages in {@code dir} (its
     * {@code <scenario>_<pid>_errors.log}), the first 4,000 characters: for an assertion's message, since the
     * directory is gone once the test ends.
     */
    public static String errors(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("_errors.log")).sorted().toList()) {
                // A "dead call (successful)" is a retransmission after the call ended well: not why a call failed.
                String[] events = Files.readString(f).split("(?=\\d{4}-\\d{2}-\\d{2}\t)");
                out.append(f.getFileName()).append(":\n");
                for (String e : events) {
                    if (!e.contains("(successful), received")) {
                        out.append(e);
                    }
                }
            }
            return out.length() <= 4_000 ? out.toString() : out.substring(0, 4_000) + "...";
        } catch (IOException e) {
            return "(errors not read: " + e.getMessage() + ")";
        }
    }

    /** A scenario file of this module's test resources, as an absolute path. */
    public static String scenario(String name) {
        return Path.of("src/test/resources/sipp", name).toAbsolutePath().toString();
    }
}
