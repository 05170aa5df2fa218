package io.trunkline.camel.cdr;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.json.Json;
import javax.json.JsonException;
import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonReader;
import javax.json.JsonString;
import javax.json.JsonValue;

/**
 * Teams Direct Routing call records as Microsoft Graph returns them: one page of
 * {@code GET /communications/callRecords/getDirectRoutingCalls(fromDateTime=..,toDateTime=..)}, an OData
 * collection {@code {"@odata.context":..., "value":[...], "@odata.nextLink":...}} of {@code directRoutingLogRow}
 * objects (up to 1,000 a page; every page saved as its own file). Each row is read as the admin center's export
 * row of the same meaning ({@link TeamsCallRecordParser}), its properties held to the types Graph documents:
 * {@code correlationId}, {@code callerNumber}, {@code calleeNumber}, {@code trunkFullyQualifiedDomainName},
 * {@code userPrincipalName} strings; {@code startDateTime}, {@code inviteDateTime}, {@code endDateTime},
 * {@code failureDateTime} DateTimeOffset strings (ISO 8601, {@code Z}); {@code duration} and {@code finalSipCode}
 * Int32; {@code successfulCall} Boolean. A property may be null or absent where the export's column may be empty
 * (Graph gives {@code endDateTime} only for established calls, {@code failureDateTime} only for failed ones).
 * A row that is no JSON object, or a property of another type, is quarantined naming the property.
 */
final class TeamsGraphPage implements CdrFormat {

    private enum Type { STRING, INT32, BOOLEAN }

    private record Property(String name, Type type) {
    }

    private static final List<Property> PROPERTIES = List.of(
            new Property("correlationId", Type.STRING), new Property("callerNumber", Type.STRING),
            new Property("calleeNumber", Type.STRING), new Property("startDateTime", Type.STRING),
            new Property("duration", Type.INT32), new Property("successfulCall", Type.BOOLEAN),
            new Property("finalSipCode", Type.INT32), new Property("inviteDateTime", Type.STRING),
            new Property("endDateTime", Type.STRING), new Property("failureDateTime", Type.STRING),
            new Property("trunkFullyQualifiedDomainName", Type.STRING), new Property("userPrincipalName", Type.STRING));

    private final TeamsCallRecordParser rows;

    TeamsGraphPage(TeamsCallRecordParser rows) {
        this.rows = rows;
    }

    @Override
    public int headerLines() {
        return 0;
    }

    @Override
    public boolean jsonPage() {
        return true;
    }

    @Override
    public LineParser open(String fileName, List<String> header) {
        Function<List<String>, CdrRecord> parse = rows.rows(HeaderRow.ofProperties(TeamsCallRecordParser.FORMAT,
                PROPERTIES.stream().map(Property::name).toList()));
        return text -> parse.apply(values(row(text)));
    }

    private static JsonObject row(String text) {
        JsonValue json;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            json = reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (!(json instanceof JsonObject o)) {
            throw new IllegalArgumentException("a row of the value array is a JSON " + json.getValueType()
                    .name().toLowerCase(Locale.ROOT) + ", not an object");
        }
        return o;
    }

    /** The row's properties as the export's text: null or absent is empty, a number its digits, a Boolean true/false. */
    private static List<String> values(JsonObject row) {
        List<String> values = new ArrayList<>(PROPERTIES.size());
        for (Property p : PROPERTIES) {
            JsonValue v = row.get(p.name());
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                values.add("");
                continue;
            }
            values.add(switch (p.type()) {
                case STRING -> v instanceof JsonString s ? s.getString() : refuse(p, v, "a string");
                case INT32 -> v instanceof JsonNumber n && n.isIntegral() ? n.bigIntegerValue().toString()
                        : refuse(p, v, "a whole number (Int32)");
                case BOOLEAN -> v == JsonValue.TRUE ? "true" : v == JsonValue.FALSE ? "false" : refuse(p, v, "true or false");
            });
        }
        return values;
    }

    private static String refuse(Property p, JsonValue v, String expected) {
        throw new IllegalArgumentException("property " + p.name() + ": " + v + " is not " + expected);
    }
}
