package io.trunkline.edge.testing;

import io.trunkline.edge.media.NgClient;
import io.trunkline.edge.media.NgException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's rtpengine daemon for a test: userspace forwarding only (no kernel module, {@code --table=-1}), on loopback,
 * control on a free UDP port, media on the given port range, logging into {@code dir/rtpengine-<port>.log}.
 */
public final class RtpEngineProcess implements AutoCloseable {

    private final Process process;
    private final InetSocketAddress ng;
    private final Path log;

    private RtpEngineProcess(Process process, InetSocketAddress ng, Path log) {
        this.process = process;
        this.ng = ng;
        this.log = log;
    }

    public static RtpEngineProcess start(Path dir, int portMin, int portMax) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return start(dir, port, portMin, portMax);
    }

    /** Started with its control on {@code port} (again where an earlier one was). */
    public static RtpEngineProcess start(Path dir, int port, int portMin, int portMax) throws Exception {
        InetSocketAddress ng = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Path log = dir.resolve("rtpengine-" + port + ".log");
        // Not the package's /etc/rtpengine/rtpengine.conf: its CLI and HTTP ports (2224, 2225) would be taken by the
        // first daemon, and the second would not start.
        Process p = new ProcessBuilder("rtpengine", "--config-file=none", "--foreground", "--log-stderr", "--table=-1",
                "--no-fallback", "--interface=127.0.0.1", "--listen-ng=127.0.0.1:" + port, "--port-min=" + portMin,
                "--port-max=" + portMax, "--log-level=6", "--delete-delay=0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RtpEngineProcess started = new RtpEngineProcess(p, ng, log);
        try (NgClient client = new NgClient(ng, Duration.ofMillis(200), 1)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    client.call(Map.of("command", "ping"));
                    return started;
                } catch (NgException e) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        started.close();
                        throw new IllegalStateException("rtpengine did not start (is Debian's rtpengine-daemon "
                                + "installed?): " + tail(log), e);
                    }
                }
            }
        } catch (IOException e) {
            started.close();
            throw e;
        }
    }

    public InetSocketAddress ng() {
        return ng;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, as a crashed instance: no call is deleted, no reply sent. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
