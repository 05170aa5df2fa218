package io.trunkline.ejb.cdr.application;

import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.CdrSource;
import io.trunkline.ejb.cdr.api.CdrIntake;
import io.trunkline.ejb.platform.infrastructure.CamelBootstrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands pushed batches to the CDR push route, as a file, so that they are taken exactly like dropped files. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CdrIntakeService implements CdrIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CdrIntakeService.class);

    @EJB
    private CamelBootstrap camel;

    @Override
    public List<Source> sources() {
        return camel.cdrSources().stream().map(CdrIntakeService::source).toList();
    }

    private static Source source(CdrSource s) {
        return new Source(s.id(), s.formatName(), s.pbx(), s.carrier(), s.zone().getId(), s.inbox(), s.sftp() != null);
    }

    @Override
    public Result push(String source, String fileName, byte[] body) {
        Path file = null;
        try {
            file = Files.createTempFile("trunkline-push-", fileName.endsWith(".gz") ? ".gz" : ".csv");
            Files.write(file, body);
            CdrPort.Outcome o = camel.pushCdrs(source, fileName, file);
            return new Result(o.fileId(), o.source(), o.fileName(), o.status(), o.read(), o.stored(), o.quarantined(),
                    o.duplicates(), o.reason());
        } catch (EJBException e) {
            // The Camel bean is an EJB too: what the route threw arrives wrapped.
            if (e.getCausedByException() instanceof UnreadableFileException u) {
                LOG.warn("{} {}: batch refused: {}", source, fileName, u.getMessage());
                throw new UnreadableBatch(u.getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("pushed batch not saved: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the server's temp directory
                }
            }
        }
    }
}
