package io.trunkline.contract.routing;

import io.trunkline.contract.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes an edge node uses for a PBX's calls when the platform cannot decide, as the platform last
 * pushed them into the edge cluster's map {@value #MAP} (key: PBX id, value: this table as JSON). Each entry
 * maps a prefix of the number as the PBX dials it to the E.164 prefix it stands for and the routes, in order,
 * that the active rules give such a call; the longest matching prefix wins.
 */
public record FallbackTable(String pbx, String publishedAt, List<Entry> entries) {

    /** Hazelcast map of the edge cluster holding one table per PBX. */
    public static final String MAP = "fallback-table";

    /** One destination: {@code 901144} dialed means {@code +44}; try these trunks in order. */
    public record Entry(String dialedPrefix, String e164Prefix, String callClass, List<Target> routes) {
        public Entry {
            routes = List.copyOf(routes);
        }
    }

    /** A route's target (carrier or PBX id) and its trunk URI without a user part. */
    public record Target(String target, String trunkUri) {
    }

    public FallbackTable {
        entries = List.copyOf(entries);
    }

    /** The entry for the longest prefix of {@code dialed}, if any. */
    public Optional<Entry> match(String dialed) {
        return entries.stream().filter(e -> dialed != null && dialed.startsWith(e.dialedPrefix()))
                .max(Comparator.comparingInt(e -> e.dialedPrefix().length()));
    }

    /** The E.164 number a dialed string stands for under an entry. */
    public static String e164(Entry entry, String dialed) {
        return entry.e164Prefix() + dialed.substring(entry.dialedPrefix().length());
    }

    /**
     * Splits a dialed string and the E.164 number the platform normalized it to into the prefix the PBX dials
     * for a destination and the E.164 prefix it stands for, the destination being the first
     * {@code destinationDigits} digits of the E.164 number (a country code, or a country and toll-free code):
     * {@code 9011442071234567} and {@code +442071234567} with 2 give {@code 901144} and {@code +44};
     * {@code 02071234567} with 2 gives {@code 0} and {@code +44}. Empty when the two do not end alike.
     */
    public static Optional<String[]> prefixes(String dialed, String e164, int destinationDigits) {
        if (dialed == null || e164 == null || !e164.startsWith("+") || destinationDigits <= 0) {
            return Optional.empty();
        }
        String digits = e164.substring(1);
        int shared = 0;
        while (shared < digits.length() && shared < dialed.length()
                && dialed.charAt(dialed.length() - 1 - shared) == digits.charAt(digits.length() - 1 - shared)) {
            shared++;
        }
        int dialedHead = dialed.length() - shared;
        int e164Head = digits.length() - shared;
        int take = Math.max(0, Math.min(shared, destinationDigits - e164Head));
        String dialedPrefix = dialed.substring(0, dialedHead + take);
        if (dialedPrefix.isEmpty() || shared == 0) {
            return Optional.empty();
        }
        return Optional.of(new String[]{dialedPrefix, "+" + digits.substring(0, e164Head + take)});
    }

    /** A trunk URI without the user part the decision put in it ({@code sip:+44...@host:port} → {@code sip:host:port}). */
    public static String trunk(String uri) {
        return uri == null ? null : uri.replaceFirst("^(sips?:)[^@;]*@", "$1");
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pbx", pbx);
        m.put("publishedAt", publishedAt);
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("dialedPrefix", e.dialedPrefix());
            em.put("e164Prefix", e.e164Prefix());
            em.put("callClass", e.callClass());
            List<Object> routes = new ArrayList<>();
            for (Target t : e.routes()) {
                routes.add(Map.of("target", t.target(), "trunkUri", t.trunkUri()));
            }
            em.put("routes", routes);
            list.add(em);
        }
        m.put("entries", list);
        return Json.write(m);
    }

    /** @throws IllegalArgumentException when the text is not a fallback table */
    public static FallbackTable fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        List<Entry> entries = new ArrayList<>();
        if (m.get("entries") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                List<Target> routes = new ArrayList<>();
                for (Object r : (List<?>) e.get("routes")) {
                    Map<?, ?> rm = (Map<?, ?>) r;
                    routes.add(new Target((String) rm.get("target"), (String) rm.get("trunkUri")));
                }
                entries.add(new Entry((String) e.get("dialedPrefix"), (String) e.get("e164Prefix"),
                        (String) e.get("callClass"), routes));
            }
        }
        if (!(m.get("pbx") instanceof String pbx)) {
            throw new IllegalArgumentException("fallback table: 'pbx' is required");
        }
        return new FallbackTable(pbx, (String) m.get("publishedAt"), entries);
    }
}
