package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.camel.support.TrunklineRouteBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;

/**
 * One route per CDR source and transport: {@code cdr-<source>} takes the files dropped in the source's inbox
 * folder, {@code cdr-<source>-sftp} polls its remote directory when one is configured. Both hand each file to
 * the {@link CdrFileReader}. A file that cannot be read goes to the {@code .error} folder beside it with a
 * {@code .reason} file and is recorded as refused; a file that failed for any other reason (the database
 * away, the platform stopping) stays where it is and is taken again on a later poll, resuming after its
 * last stored chunk. Taken files move to {@code .done}. An empty file (0 bytes) stays in the inbox until it has
 * content: its writer may have made it and not written yet, and taking it then would leave the rest unread.
 */
public class CdrRoutes extends TrunklineRouteBuilder {

    public static final String ROUTE_PREFIX = "cdr-";
    /** Where the current file goes once taken: {@value #DONE_FOLDER} or {@value #ERROR_FOLDER}. */
    static final String TARGET = "trunklineTarget";
    static final String OUTCOME = "trunklineOutcome";

    private final List<CdrSource> sources;
    private final CdrFileReader reader;

    public CdrRoutes(List<CdrSource> sources, CdrPort port) {
        this(sources, new CdrFileReader(port, CdrFileReader.DEFAULT_CHUNK));
    }

    public CdrRoutes(List<CdrSource> sources, CdrFileReader reader) {
        this.sources = List.copyOf(sources);
        this.reader = reader;
    }

    @Override
    public void configure() {
        onException(UnreadableFileException.class)
                .handled(true)
                .process(CdrRoutes::setAside)
                .log(LoggingLevel.ERROR, "${file:name} refused: ${exception.message}");
        onException(CdrFileReader.Interrupted.class)
                .handled(false)
                .log(LoggingLevel.INFO, "${exception.message}");
        for (CdrSource source : sources) {
            String common = "?include=.*\\.(csv|txt|log|gz|json)|(cdr|cmr)_.*&exclude=.*\\.reason"
                    + "&move=${exchangeProperty." + TARGET + "}/${file:name}.${date:now:yyyyMMddHHmmssSSS}"
                    + "&delay=500&backoffErrorThreshold=1&backoffMultiplier=10&sortBy=file:modified";
            from("file:" + source.inbox() + common
                    + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=250")
                    .routeId(ROUTE_PREFIX + source.id())
                    .process(exchange -> take(source, exchange));
            if (source.sftp() != null) {
                String uri = source.sftp() + (source.sftp().contains("?") ? "&" : "?") + common.substring(1)
                        + "&localWorkDirectory=" + Path.of(source.inbox(), ".sftp-work")
                        + "&readLock=changed&readLockCheckInterval=1000&readLockMinAge=1000&stepwise=false";
                // Host keys are checked when the URI says how (knownHostsFile=..., strictHostKeyChecking=yes).
                if (!source.sftp().contains("strictHostKeyChecking=")) {
                    uri += "&strictHostKeyChecking=no";
                }
                if (!source.sftp().contains("useUserKnownHostsFile=")) {
                    uri += "&useUserKnownHostsFile=false";
                }
                from(uri)
                        .routeId(ROUTE_PREFIX + source.id() + "-sftp")
                        .process(exchange -> take(source, exchange));
            }
        }
    }

    private void take(CdrSource source, Exchange exchange) throws Exception {
        exchange.setProperty(TARGET, ERROR_FOLDER);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        File file = exchange.getIn().getBody(File.class);
        CdrPort.Outcome outcome = reader.read(source, name, file.toPath(),
                () -> exchange.getContext().isStopping() || exchange.getContext().getStatus().isStopped());
        exchange.setProperty(OUTCOME, outcome);
        exchange.setProperty(TARGET, DONE_FOLDER);
        log.info("{} {}: {} read, {} stored, {} quarantined, {} duplicates", source.id(), name, outcome.read(),
                outcome.stored(), outcome.quarantined(), outcome.duplicates());
    }

    /** Writes the reason beside the file in the error folder the file is about to be moved to. */
    private static void setAside(Exchange exchange) throws java.io.IOException {
        exchange.setProperty(TARGET, ERROR_FOLDER);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String parent = exchange.getIn().getHeader(Exchange.FILE_PARENT, String.class);
        if (parent != null && name != null && Files.isDirectory(Path.of(parent))) {
            Path errors = Files.createDirectories(Path.of(parent, ERROR_FOLDER));
            Files.writeString(errors.resolve(name + ".reason"), (cause == null ? "unknown" : cause.getMessage())
                    + System.lineSeparator(), StandardCharsets.UTF_8);
        }
    }
}
