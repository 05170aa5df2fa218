package io.trunkline.edge.stir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fetches the certificate a token's {@code x5u} names, the way a verifier must not be abused to: HTTPS only; only
 * from hosts on the allow-list ({@code name} or {@code *.domain}); never from a host that resolves to a loopback,
 * private, link-local or otherwise internal address unless that host is also listed as a private one (a test CA on
 * this machine), so a token cannot make the edge request its own network (SSRF); no redirects; at most
 * {@code maxBytes}; within {@code timeout}. The PEM or DER certificates are kept as long as the answer's
 * {@code Cache-Control: max-age} says (capped by {@code maxTtl}; {@code defaultTtl} without one; not at all with
 * {@code no-store} or {@code no-cache}), at most {@code maxEntries} URLs, least recently used dropped first.
 */
public final class HttpsCertificateSource implements CertificateSource {

    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*(\\d+)");

    private final Set<String> allowedHosts;
    private final Set<String> privateHosts;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final int maxBytes;
    private final int maxEntries;
    private final Clock clock;
    private final Map<URI, Cached> cache;

    private record Cached(List<X509Certificate> chain, Instant until) {
    }

    public HttpsCertificateSource(Set<String> allowedHosts, Set<String> privateHosts, HttpClient http, Duration timeout,
                                  Duration defaultTtl, Duration maxTtl, int maxBytes, int maxEntries, Clock clock) {
        this.allowedHosts = lower(allowedHosts);
        this.privateHosts = lower(privateHosts);
        this.http = http;
        this.timeout = timeout;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    private static Set<String> lower(Set<String> hosts) {
        return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<X509Certificate> chainAt(URI x5u) throws StirException {
        Optional<List<X509Certificate>> cached = cached(x5u);
        if (cached.isPresent()) {
            return cached.get();
        }
        String host = allowed(x5u);
        notInternal(host);
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(x5u).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " not fetched: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " fetch interrupted");
        }
        byte[] body;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " answered HTTP " + response.statusCode());
            }
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " not read: " + e);
        }
        if (body.length > maxBytes) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " is larger than " + maxBytes + " bytes");
        }
        List<X509Certificate> chain = parse(x5u, body);
        Duration ttl = ttl(response.headers().firstValue("Cache-Control").orElse(null));
        if (!ttl.isZero()) {
            synchronized (cache) {
                cache.put(x5u, new Cached(chain, clock.instant().plus(ttl)));
                while (cache.size() > maxEntries) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
        }
        return chain;
    }

    private Optional<List<X509Certificate>> cached(URI x5u) {
        synchronized (cache) {
            Cached c = cache.get(x5u);
            if (c == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(c.until())) {
                cache.remove(x5u);
                return Optional.empty();
            }
            return Optional.of(c.chain());
        }
    }

    /** URLs whose certificates are held now. */
    public int cached() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private String allowed(URI x5u) throws StirException {
        if (!"https".equalsIgnoreCase(x5u.getScheme())) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " is not HTTPS");
        }
        String host = x5u.getHost();
        if (host == null || x5u.getUserInfo() != null) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " has no plain host");
        }
        String h = host.toLowerCase(Locale.ROOT);
        boolean listed = allowedHosts.contains(h) || allowedHosts.stream()
                .anyMatch(a -> a.startsWith("*.") && h.endsWith(a.substring(1)) && h.length() > a.length() - 1);
        if (!listed) {
            throw new StirException(StirFailure.BAD_INFO, "x5u host " + host + " is not on the allow-list");
        }
        return h;
    }

    private void notInternal(String host) throws StirException {
        if (privateHosts.contains(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new StirException(StirFailure.BAD_INFO, "x5u host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                throw new StirException(StirFailure.BAD_INFO, "x5u host " + host + " resolves to the internal address "
                        + a.getHostAddress());
            }
        }
    }

    /** Loopback, unspecified, private (RFC 1918, RFC 4193), link-local, shared (RFC 6598) or multicast. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 169 && second == 254)
                    || first >= 240;
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }

    private static List<X509Certificate> parse(URI x5u, byte[] body) throws StirException {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(body))) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " holds no certificate");
            }
            return List.copyOf(chain);
        } catch (CertificateException e) {
            throw new StirException(StirFailure.BAD_INFO, "x5u " + x5u + " is not a certificate: " + e.getMessage());
        }
    }

    Duration ttl(String cacheControl) {
        if (cacheControl == null) {
            return defaultTtl;
        }
        String cc = cacheControl.toLowerCase(Locale.ROOT);
        if (cc.contains("no-store") || cc.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher m = MAX_AGE.matcher(cc);
        if (m.find()) {
            try {
                Duration age = Duration.ofSeconds(Long.parseLong(m.group(1)));
                return age.compareTo(maxTtl) > 0 ? maxTtl : age;
            } catch (NumberFormatException e) {
                return maxTtl;
            }
        }
        return defaultTtl;
    }
}
