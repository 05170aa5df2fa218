package io.trunkline.web.routing;

import io.trunkline.ejb.routing.api.MasterDataFiles;
import io.trunkline.web.support.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import javax.json.JsonArrayBuilder;
import javax.json.JsonObject;
import javax.json.JsonObjectBuilder;
import javax.json.spi.JsonProvider;

/**
 * Master data as spreadsheets export it: a header row of column names (snake_case of the JSON fields,
 * any order), one item per line; list columns hold space-separated values. Every line is read through
 * the same checks as the JSON API; the first bad line is refused with its number and column.
 */
final class MasterDataCsv {

    private static final JsonProvider JSON = JsonProvider.provider();

    static final Set<String> LISTS = Set.of("sourceCidrs", "extensionRanges", "capabilities", "countries", "numberBlocks");
    static final Set<String> NUMBERS = Set.of("maxChannels", "priority", "weight");

    private MasterDataCsv() {
    }

    /**
     * @param idColumn the column that holds each item's id ({@code id}, or {@code number} for DIDs)
     * @param build    turns (id, JSON object) into the item, refusing bad fields with {@link ApiException}
     */
    static <T> List<T> read(byte[] csv, String idColumn, BiFunction<String, JsonObject, T> build) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw ApiException.badRequest("line 1", "a header row naming the columns is required");
        }
        List<String> header = MasterDataFiles.cells(lines[0]).stream().map(h -> camel(h.trim())).toList();
        String id = camel(idColumn);
        if (!header.contains(id)) {
            throw ApiException.badRequest("line 1", "the header has no column " + idColumn);
        }
        List<T> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = "line " + (i + 1);
            List<String> cells;
            try {
                cells = MasterDataFiles.cells(lines[i]);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(where, e.getMessage());
            }
            if (cells.size() != header.size()) {
                throw ApiException.badRequest(where, "expected " + header.size() + " columns, found " + cells.size());
            }
            JsonObjectBuilder o = JSON.createObjectBuilder();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                String value = cells.get(c).trim();
                if (LISTS.contains(name)) {
                    JsonArrayBuilder a = JSON.createArrayBuilder();
                    for (String item : value.split("\\s+")) {
                        if (!item.isEmpty()) {
                            a.add(item);
                        }
                    }
                    o.add(name, a);
                } else if (NUMBERS.contains(name) && value.matches("-?[0-9]{1,9}")) {
                    o.add(name, Integer.parseInt(value));
                } else if (!value.isEmpty()) {
                    o.add(name, value);
                }
            }
            JsonObject item = o.build();
            try {
                out.add(build.apply(item.containsKey(id) ? item.getString(id) : "", item));
            } catch (ApiException e) {
                throw ApiException.badRequest(where + ", " + snake(e.field() == null ? "" : e.field()),
                        e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim());
            }
        }
        return out;
    }

    static String camel(String snake) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return s.toString();
    }

    static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> counted(int n) {
        return Map.of("stored", n);
    }
}
