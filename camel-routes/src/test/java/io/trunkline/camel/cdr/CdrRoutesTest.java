package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDR routes in a plain CamelContext with an in-memory store: a file dropped in a source's inbox, a file
 * polled from a real SFTP server (Apache MINA SSHD, in process), a pushed batch, and an unreadable file set
 * aside with its reason.
 */
class CdrRoutesTest {

    private static final Path VALID = Path.of("src/test/resources/asterisk/valid/Master.csv");

    @TempDir
    Path root;

    private CamelContext camel;
    private SshServer sftp;
    private final MemoryCdrPort port = new MemoryCdrPort();

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (sftp != null) {
            sftp.stop(true);
        }
    }

    private List<CdrSource> sources(String sftpUri) {
        Properties p = new Properties();
        p.setProperty("cdr.source.branch-asterisk.format", "asterisk");
        p.setProperty("cdr.source.branch-asterisk.pbx", "branch-asterisk");
        if (sftpUri != null) {
            p.setProperty("cdr.source.branch-asterisk.sftp", sftpUri);
        }
        return CdrSources.from(p, root.resolve("inbox"), pbx -> ZoneId.of("America/Chicago"));
    }

    private void start(List<CdrSource> sources) throws Exception {
        for (CdrSource s : sources) {
            Files.createDirectories(Path.of(s.inbox()));
        }
        camel = new DefaultCamelContext();
        CdrFileReader reader = new CdrFileReader(port, 2);
        camel.addRoutes(new CdrRoutes(sources, reader));
        camel.addRoutes(new CdrPushRoute(Map.of(sources.get(0).id(), sources.get(0)), reader));
        camel.start();
    }

    private static void drop(Path dir, String name, byte[] content) throws Exception {
        Path tmp = Files.createTempFile(dir.getParent(), "cdr", ".part");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDroppedFileIsStoredAndMovedToDoneAndAnUnreadableOneSetAsideWithItsReason() throws Exception {
        List<CdrSource> sources = sources(null);
        assertThat(sources.get(0).zone()).as("the PBX's own zone").isEqualTo(ZoneId.of("America/Chicago"));
        start(sources);
        Path inbox = Path.of(sources.get(0).inbox());
        drop(inbox, "Master.csv", Files.readAllBytes(VALID));
        await(() -> port.files.size() == 1 && port.last().status.equals("STORED"));
        assertThat(port.records).hasSize(4);
        await(() -> !Files.exists(inbox.resolve("Master.csv")));
        assertThat(names(inbox.resolve(".done"))).singleElement().asString().startsWith("Master.csv.");

        drop(inbox, "latin1.csv", "\"\",\"2001\",\"Soci\u00e9t\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));
        await(() -> names(inbox.resolve(".error")).size() == 2);
        assertThat(names(inbox.resolve(".error"))).hasSize(2).first().asString().startsWith("latin1.csv.");
        Path reason;
        try (var files = Files.list(inbox.resolve(".error"))) {
            reason = files.filter(f -> f.toString().endsWith(".reason")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(reason)).startsWith("line 1 is not UTF-8 text");
        assertThat(port.last().status).isEqualTo("REFUSED");
        assertThat(port.records).hasSize(4);
    }

    @Test
    void aGraphJsonPageDroppedInATeamsInboxIsTaken() throws Exception {
        Properties p = new Properties();
        p.setProperty("cdr.source.london-teams.format", "teams");
        p.setProperty("cdr.source.london-teams.pbx", "london-teams");
        List<CdrSource> sources = CdrSources.from(p, root.resolve("inbox"), pbx -> ZoneId.of("Europe/London"));
        start(sources);
        Path inbox = Path.of(sources.get(0).inbox());
        drop(inbox, "getDirectRoutingCalls.2026-11-26.p1.json",
                Files.readAllBytes(Path.of("src/test/resources/teams/valid/getDirectRoutingCalls.2026-11-26.p1.json")));
        await(() -> port.files.size() == 1 && port.last().status.equals("STORED"));
        assertThat(port.last().status).as("a .json file is picked up").isEqualTo("STORED");
        assertThat(port.records).hasSize(2);
        await(() -> !Files.exists(inbox.resolve("getDirectRoutingCalls.2026-11-26.p1.json")));
        assertThat(names(inbox.resolve(".done"))).singleElement().asString()
                .startsWith("getDirectRoutingCalls.2026-11-26.p1.json.");
    }

    @Test
    void aPushedBatchIsTakenLikeAFileAndTheSameBatchAgainIsADuplicate() throws Exception {
        start(sources(null));
        Path batch = root.resolve("batch.csv");
        Files.copy(VALID, batch);
        Map<String, Object> headers = Map.of(CdrPushRoute.SOURCE, "branch-asterisk", CdrPushRoute.NAME, "push-1.csv");
        CdrPort.Outcome first = camel.createProducerTemplate().requestBodyAndHeaders(CdrPushRoute.ENDPOINT, batch,
                headers, CdrPort.Outcome.class);
        assertThat(first.status()).isEqualTo("STORED");
        assertThat(first.stored()).isEqualTo(4);
        CdrPort.Outcome again = camel.createProducerTemplate().requestBodyAndHeaders(CdrPushRoute.ENDPOINT, batch,
                headers, CdrPort.Outcome.class);
        assertThat(again.status()).isEqualTo("DUPLICATE");
        assertThat(again.duplicates()).isEqualTo(4);
    }

    @Test
    void aFileInTheRemoteDirectoryIsPolledOverSftpAndMovedToDoneThere() throws Exception {
        Path remote = Files.createDirectories(root.resolve("sftp-home").resolve("cdr-csv"));
        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(0);
        sftp.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolve("hostkey.ser")));
        sftp.setPasswordAuthenticator((user, password, session) -> "cdr".equals(user) && "secret".equals(password));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(root.resolve("sftp-home")));
        sftp.start();
        Files.copy(VALID, remote.resolve("Master.csv"));

        start(sources("sftp://cdr@127.0.0.1:" + sftp.getPort() + "/cdr-csv?password=secret"));
        await(() -> port.files.size() == 1 && port.last().status.equals("STORED"));
        assertThat(port.last().name).isEqualTo("Master.csv");
        assertThat(port.records).hasSize(4);
        await(() -> !Files.exists(remote.resolve("Master.csv")));
        assertThat(names(remote.resolve(".done"))).singleElement().asString().startsWith("Master.csv.");
    }
}
