package io.trunkline.edge.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** SIPp (Debian's sip-tester) as a PBX or carrier in tests: on loopback, bounded in time, log per run. */
public final class Sipp {

    private Sipp() {
    }

    /** Starts {@code sipp args} in {@code dir}, logging to {@code dir/<name>.log}; add {@code -m} for the call count. */
    public static Process start(Path dir, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-i", "127.0.0.1", "-timeout", "30s", "-timeout_error", "-nostdin"));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /** SIPp's exit code (0: every call as the scenario says), or -1 when it did not end within a minute. */
    public static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** A scenario file of this module's test resources, as an absolute path. */
    public static String scenario(String name) {
        return Path.of("src/test/resources/sipp", name).toAbsolutePath().toString();
    }
}
