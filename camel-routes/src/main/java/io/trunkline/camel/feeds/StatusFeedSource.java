package io.trunkline.camel.feeds;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A carrier's status feed: {@code feed.status.<carrier>.url} (http or https; JSON, RSS or Atom) polled every
 * {@code feed.status.<carrier>.interval} (default 60s; 10s at least).
 */
public record StatusFeedSource(String carrier, URI url, Duration interval) {

    public static final String PREFIX = "feed.status.";
    private static final Pattern DELAY = Pattern.compile("(\\d+)\\s*([smh])");

    /** @throws IllegalArgumentException naming the key at fault */
    public static List<StatusFeedSource> from(Properties p) {
        TreeSet<String> carriers = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                carriers.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        List<StatusFeedSource> out = new ArrayList<>();
        for (String carrier : carriers) {
            String prefix = PREFIX + carrier + ".";
            String url = p.getProperty(prefix + "url", "").trim();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "url: " + e.getMessage(), e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(prefix + "url: '" + url + "' is not an http(s) URL");
            }
            String every = p.getProperty(prefix + "interval", "60s").trim().toLowerCase(Locale.ROOT);
            Matcher m = DELAY.matcher(every);
            if (!m.matches()) {
                throw new IllegalArgumentException(prefix + "interval: '" + every + "' is not like 60s, 5m or 1h");
            }
            long n = Long.parseLong(m.group(1));
            Duration interval = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(prefix + "interval: at least 1s");
            }
            out.add(new StatusFeedSource(carrier, uri, interval));
        }
        return out;
    }
}
