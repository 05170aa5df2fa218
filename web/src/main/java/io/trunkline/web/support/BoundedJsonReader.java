package io.trunkline.web.support;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.json.JsonArrayBuilder;
import javax.json.JsonException;
import javax.json.JsonObjectBuilder;
import javax.json.JsonValue;
import javax.json.spi.JsonProvider;
import javax.json.stream.JsonParser;
import javax.ws.rs.core.Response;

/**
 * Reads a request body into JSON-P values within limits, from the streaming parser's events. JSON-P's own
 * {@code JsonReader} builds nested values by recursion, so a body nested 100,000 deep ends in a
 * {@link StackOverflowError} inside the server; here the nesting is counted and refused first. RFC 8259 §9
 * lets a parser limit the size of texts, the depth of nesting and the range and precision of numbers; the
 * limits follow Jackson's {@code StreamReadConstraints} for numbers (1,000 characters) and are stricter for
 * depth (64 against 1,000: no request of this API nests more than four levels).
 */
final class BoundedJsonReader {

    static final int MAX_DEPTH = 64;
    static final int MAX_CHARS = 1024 * 1024;
    static final int MAX_NUMBER_CHARS = 1000;
    /** {@code 1e999999999} is short but turns into a billion digits when made whole or plain. */
    static final int MAX_SCALE = 1000;

    private final JsonProvider json;

    BoundedJsonReader(JsonProvider json) {
        this.json = json;
    }

    /** @throws ApiException 413 for a body over {@link #MAX_CHARS}, 400 for malformed JSON or a limit passed */
    JsonValue read(String body) {
        if (body.length() > MAX_CHARS) {
            throw new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "body",
                    "body: a JSON body of " + body.length() + " characters is over the limit of " + MAX_CHARS);
        }
        Deque<Object> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        JsonValue root = null;
        try (JsonParser parser = json.createParser(new StringReader(body))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                JsonValue done = null;
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (open.size() == MAX_DEPTH) {
                            throw ApiException.badRequest("body", "nesting deeper than the limit of " + MAX_DEPTH
                                    + " levels at character " + (parser.getLocation().getStreamOffset() + 1));
                        }
                        open.push(event == JsonParser.Event.START_OBJECT ? json.createObjectBuilder() : json.createArrayBuilder());
                    }
                    case KEY_NAME -> names.push(parser.getString());
                    case END_OBJECT -> done = ((JsonObjectBuilder) open.pop()).build();
                    case END_ARRAY -> done = ((JsonArrayBuilder) open.pop()).build();
                    case VALUE_NUMBER -> done = number(parser);
                    default -> done = parser.getValue();
                }
                if (done != null) {
                    if (open.isEmpty()) {
                        root = done;
                    } else if (open.peek() instanceof JsonObjectBuilder o) {
                        o.add(names.pop(), done);
                    } else {
                        ((JsonArrayBuilder) open.peek()).add(done);
                    }
                }
            }
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw ApiException.badRequest("body", "malformed JSON: " + e.getMessage());
        }
        if (root == null) {
            throw ApiException.badRequest("body", "malformed JSON: no value");
        }
        return root;
    }

    private JsonValue number(JsonParser parser) {
        String text = parser.getString();
        if (text.length() > MAX_NUMBER_CHARS) {
            throw ApiException.badRequest("body", "a number longer than the limit of " + MAX_NUMBER_CHARS + " characters");
        }
        BigDecimal value;
        try {
            value = parser.getBigDecimal();
        } catch (NumberFormatException e) {
            // BigDecimal's own bound: an exponent past the int range ("Exponent overflow").
            throw ApiException.badRequest("body", "a number whose exponent is beyond the limit of ±" + MAX_SCALE);
        }
        if (Math.abs((long) value.scale()) > MAX_SCALE) {
            throw ApiException.badRequest("body", "a number whose exponent is beyond the limit of ±" + MAX_SCALE);
        }
        return json.createValue(value);
    }
}
