package io.trunkline.web.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.Provider;
import javax.ws.rs.ext.ReaderInterceptor;
import javax.ws.rs.ext.ReaderInterceptorContext;

/**
 * Bounds every request body the API reads: a declared {@code Content-Length} over the limit is answered 413
 * (RFC 9110 §15.5.14) before a byte is read (HTTP/1.1), and a body sent without one (chunked), or over HTTP/2,
 * is counted as it is read and refused when it passes the limit. Without this, Undertow's own cap ({@code max-post-size}, 10 MB by
 * default) breaks the read with {@code RequestTooBigException} and the request ends in a 500. The limit is the
 * system property {@value #PROPERTY}, in bytes, {@value #DEFAULT_MAX_BYTES} by default: a rulebook workbook or a
 * pushed batch of call records is well under it, and it stays below the server's cap so this answer comes first.
 * Not {@code @PreMatching}: RESTEasy leaves a pre-matching provider's reader interceptor out of the matched
 * methods, and the filter needs no earlier place than before the body is read.
 */
@Provider
public class RequestBodyLimit implements ContainerRequestFilter, ReaderInterceptor {

    static final String PROPERTY = "trunkline.api.max-body-bytes";
    /** A workflow document's upload, which reads its body itself under the documents' own limit. */
    private static final Pattern DOCUMENT_UPLOAD = Pattern.compile("/?workflows/[0-9]+/documents/?");
    static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private final long maxBytes = maxBytes();

    public static long maxBytes() {
        return Long.getLong(PROPERTY, DEFAULT_MAX_BYTES);
    }

    /**
     * The body of a request that a servlet answers itself, outside the JAX-RS runtime, as UTF-8 text under the
     * same limit: refused before a byte is read when its declared length is over it (HTTP/1.1), or as soon as the
     * count of what is read passes it.
     *
     * @throws ApiException 413
     */
    public static String text(HttpServletRequest request, long maxBytes) throws IOException {
        if (!request.getProtocol().startsWith("HTTP/2")) {
            check(request.getContentLengthLong(), maxBytes);
        }
        try (InputStream in = new LimitedStream(request.getInputStream(), maxBytes)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (ownLimit(request.getMethod(), request.getUriInfo().getPath())) {
            return;
        }
        if (servletRequest != null && servletRequest.getProtocol().startsWith("HTTP/2")) {
            // Over HTTP/2 Undertow ends the whole connection (GOAWAY) when a stream is answered before its body
            // is read, and the client loses the answer with it: the body is counted as read instead.
            return;
        }
        try {
            check(request.getLength(), maxBytes);
        } catch (ApiException e) {
            request.abortWith(ErrorResponses.body(e.status(), e.error(), e.getMessage(), e.field()));
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new LimitedStream(context.getInputStream(), maxBytes));
        return context.proceed();
    }

    /**
     * Whether the request's body is bounded by its resource method rather than here: a workflow document (a signed
     * scan may be larger than any JSON body) is read from the servlet's stream, never through the reader this
     * class wraps, and refused past {@code trunkline.documents.max-bytes}.
     */
    static boolean ownLimit(String method, String path) {
        return "POST".equals(method) && path != null && DOCUMENT_UPLOAD.matcher(path).matches();
    }

    /** @throws ApiException 413 when the declared length (-1 when none) is over the limit */
    static void check(long declaredLength, long maxBytes) {
        if (declaredLength > maxBytes) {
            throw tooLarge("of " + declaredLength + " bytes ", maxBytes);
        }
    }

    static ApiException tooLarge(String size, long maxBytes) {
        return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "body",
                "body: the request body " + size + "is over the limit of " + maxBytes + " bytes");
    }

    /** Counts what is read and refuses to read past the limit. */
    static final class LimitedStream extends FilterInputStream {

        private final long maxBytes;
        private long count;

        LimitedStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > maxBytes) {
                throw tooLarge("", maxBytes);
            }
        }
    }
}
