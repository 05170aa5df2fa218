package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Test scenarios as analysts keep them in a spreadsheet saved as CSV:
 * {@code name,direction,source,calling,called,at,verdict,class,targets,sip_code}, one scenario per line,
 * {@code targets} space-separated. No quoting: names are plain sentences without commas.
 */
public final class ScenarioCsv {

    static final String HEADER = "name,direction,source,calling,called,at,verdict,class,targets,sip_code";

    private ScenarioCsv() {
    }

    /** @throws IllegalArgumentException naming the line and column of the first problem */
    public static List<RoutingScenario> parse(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException("line 1: the header must be " + HEADER);
        }
        List<RoutingScenario> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = Arrays.copyOf(lines[i].split(",", -1), 10);
            int line = i + 1;
            if (lines[i].split(",", -1).length != 10) {
                throw new IllegalArgumentException("line " + line + ": expected 10 columns, found " + lines[i].split(",", -1).length);
            }
            String name = f[0].trim();
            if (name.isEmpty() || !names.add(name)) {
                throw new IllegalArgumentException("line " + line + ", name: " + (name.isEmpty() ? "is required" : "'" + name + "' is used twice"));
            }
            RouteRequest.Direction direction = enumOf(RouteRequest.Direction.class, f[1], line, "direction");
            Instant at = null;
            if (!f[5].isBlank()) {
                try {
                    at = Instant.parse(f[5].trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("line " + line + ", at: '" + f[5] + "' is not an instant such as 2026-12-01T15:00:00Z");
                }
            }
            RouteDecision.Verdict verdict = enumOf(RouteDecision.Verdict.class, f[6], line, "verdict");
            Integer sip = null;
            if (!f[9].isBlank()) {
                try {
                    sip = Integer.valueOf(f[9].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + line + ", sip_code: '" + f[9] + "' is not a number");
                }
            }
            List<String> targets = f[8].isBlank() ? List.of() : List.of(f[8].trim().split("\\s+"));
            out.add(new RoutingScenario(name, new RouteRequest("scenario:" + name, direction, f[2].trim(),
                    f[3].isBlank() ? null : f[3].trim(), f[4].trim(), at), verdict,
                    f[7].isBlank() ? null : f[7].trim(), targets, sip));
        }
        return out;
    }

    public static String write(List<RoutingScenario> scenarios) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (RoutingScenario r : scenarios) {
            s.append(r.name()).append(',').append(r.request().direction()).append(',').append(r.request().source())
                    .append(',').append(r.request().calling() == null ? "" : r.request().calling())
                    .append(',').append(r.request().called())
                    .append(',').append(r.request().at() == null ? "" : r.request().at())
                    .append(',').append(r.verdict()).append(',').append(r.callClass() == null ? "" : r.callClass())
                    .append(',').append(String.join(" ", r.targets()))
                    .append(',').append(r.sipCode() == null ? "" : r.sipCode()).append('\n');
        }
        return s.toString();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, int line, String column) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ", " + column + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
