package io.trunkline.camel.support;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place where route error handling is decided. A file route whose processing fails leaves
 * the file to the consumer's {@code moveFailed} folder ({@value #ERROR_FOLDER}), and this policy writes
 * the reason beside it ({@code <file>.reason}) and hands it to the route's {@link FileRefusal}.
 */
public abstract class TrunklineRouteBuilder extends RouteBuilder {

    public static final String ERROR_FOLDER = ".error";
    public static final String DONE_FOLDER = ".done";

    /** Options of every file inbox: lock until the writer is done, move on success and on failure. */
    protected static String inbox(String placeholder, String include) {
        return "file:{{" + placeholder + "}}?include=" + include
                + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=250"
                + "&move=" + DONE_FOLDER + "/${file:name}.${date:now:yyyyMMddHHmmssSSS}"
                + "&moveFailed=" + ERROR_FOLDER + "/${file:name}"
                + "&delay=500";
    }

    /** Told of every file the route could not take. */
    @FunctionalInterface
    public interface FileRefusal {
        void refused(String fileName, String reason);
    }

    protected void fileErrors(FileRefusal refusal) {
        onException(Exception.class)
                .handled(false)
                .process(exchange -> recordReason(exchange, refusal))
                .log(org.apache.camel.LoggingLevel.ERROR, "${file:name} refused: ${exception.message}");
    }

    private static void recordReason(Exchange exchange, FileRefusal refusal) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown error" : cause.getMessage();
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String parent = exchange.getIn().getHeader(Exchange.FILE_PARENT, String.class);
        if (parent != null && name != null) {
            Path errors = Path.of(parent, ERROR_FOLDER);
            Files.createDirectories(errors);
            Files.writeString(errors.resolve(name + ".reason"), reason + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        refusal.refused(name, reason);
    }
}
