package io.trunkline.camel.feeds;

import io.trunkline.camel.billing.UnreadableFileException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import javax.json.JsonException;
import javax.json.spi.JsonProvider;
import javax.json.stream.JsonParser;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A carrier's status feed in any of the forms status pages publish: Atlassian Statuspage's JSON
 * ({@code /api/v2/incidents.json}: {@code incidents[]} with {@code id}, {@code name}, {@code status}
 * investigating/identified/monitoring/resolved/postmortem, {@code created_at}, {@code resolved_at},
 * {@code shortlink}), RSS 2.0 ({@code item}: {@code guid}, {@code title}, {@code pubDate} in RFC 822,
 * {@code link}, {@code description}) and Atom ({@code entry}: {@code id}, {@code title}, {@code published} or
 * {@code updated}, {@code link href}, {@code summary}). RSS and Atom carry no status field: an entry is closed
 * when its title or text starts with, or says, Resolved or Completed (how Statuspage, Cachet and most
 * hand-written feeds word it). The form is taken from the content, not the URL. An entry without an id or a
 * readable time is skipped with the reason; a body that is none of these forms is refused whole, and so is
 * one over {@value #MAX_BYTES} bytes. JSON is read with the server's JSON-P (WildFly provides it to the EAR).
 */
public final class StatusFeedParser {

    /** Larger than any status page's incident list; a body over it is refused unread. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    private static final int NO_LIST = -1;
    /** Far from any depth, so nothing after the incidents is taken for one. */
    private static final int CLOSED_LIST = Integer.MIN_VALUE / 2;
    /** Looked up once: JSON-P's static factory methods look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern CLOSED = Pattern.compile("(?i)\\b(resolved|completed|postmortem)\\b");

    public StatusFeed parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new UnreadableFileException("not a status feed: the body is over the limit of " + MAX_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return json(text);
        }
        if (text.startsWith("<")) {
            return xml(body);
        }
        throw new UnreadableFileException("not a status feed: neither JSON nor XML (starts with '"
                + text.substring(0, Math.min(20, text.length())) + "')");
    }

    private StatusFeed json(String text) {
        List<Map<String, String>> list;
        try {
            list = incidents(text);
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new UnreadableFileException("status feed JSON: " + e.getMessage());
        }
        if (list == null) {
            throw new UnreadableFileException("status feed JSON: no 'incidents' array (Statuspage's /api/v2/incidents.json)");
        }
        List<Incident> incidents = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int n = 0;
        for (Map<String, String> i : list) {
            n++;
            if (i == null) {
                skipped.add("incident " + n + ": not an object");
                continue;
            }
            try {
                String id = required(i, "id", n);
                String status = i.getOrDefault("status", "investigating").toLowerCase(Locale.ROOT);
                Instant started = iso(required(i, "created_at", n), "created_at", n);
                String resolved = i.get("resolved_at");
                boolean open = !status.equals("resolved") && !status.equals("postmortem") && !status.equals("completed");
                incidents.add(new Incident(id, i.getOrDefault("name", id), open, status, started,
                        resolved == null ? null : iso(resolved, "resolved_at", n), i.get("shortlink")));
            } catch (IllegalArgumentException e) {
                skipped.add(e.getMessage());
            }
        }
        return new StatusFeed("statuspage-json", incidents, skipped);
    }

    /**
     * The incidents of a Statuspage body ({@code {"incidents": [...]}}, or the array alone) read from the
     * server's JSON-P streaming parser: each incident's own scalar members as text (null when the element is
     * no object), nested values passed over; null when there is no such array. Nesting is counted and refused
     * past {@value #MAX_DEPTH} levels (RFC 8259 §9) so a hostile feed cannot overflow the stack.
     */
    private static List<Map<String, String>> incidents(String text) {
        List<Map<String, String>> out = null;
        Map<String, String> incident = null;
        String name = null;
        int depth = 0;
        int listDepth = NO_LIST;
        try (JsonParser p = JSON.createParser(new StringReader(text))) {
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                boolean opens = e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY;
                if (depth == listDepth && e == JsonParser.Event.END_ARRAY) {
                    listDepth = CLOSED_LIST;
                    incident = null;
                } else if (depth == listDepth) {
                    incident = e == JsonParser.Event.START_OBJECT ? new LinkedHashMap<>() : null;
                    out.add(incident);
                } else if (incident != null && depth == listDepth + 1) {
                    if (e == JsonParser.Event.KEY_NAME) {
                        name = p.getString();
                    } else if (e == JsonParser.Event.VALUE_STRING || e == JsonParser.Event.VALUE_NUMBER) {
                        incident.put(name, p.getString());
                    } else if (e == JsonParser.Event.VALUE_TRUE || e == JsonParser.Event.VALUE_FALSE) {
                        incident.put(name, String.valueOf(e == JsonParser.Event.VALUE_TRUE));
                    }
                } else if (e == JsonParser.Event.START_ARRAY && out == null
                        && (depth == 0 || depth == 1 && "incidents".equals(name))) {
                    out = new ArrayList<>();
                    listDepth = depth + 1;
                } else if (depth == 1 && e == JsonParser.Event.KEY_NAME) {
                    name = p.getString();
                }
                if (opens && ++depth > MAX_DEPTH) {
                    throw new UnreadableFileException("status feed JSON: nesting deeper than the limit of " + MAX_DEPTH
                            + " levels at character " + (p.getLocation().getStreamOffset() + 1));
                }
                if (e == JsonParser.Event.END_OBJECT || e == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
        }
        return out;
    }

    private static String required(Map<String, String> i, String field, int n) {
        String v = i.get(field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("incident " + n + ": no '" + field + "'");
        }
        return v;
    }

    private static Instant iso(String text, String field, int n) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("incident " + n + ": " + field + " '" + text + "' is not an ISO-8601 time");
        }
    }

    private StatusFeed xml(byte[] body) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // A feed is someone else's document: no DTDs, no external entities (OWASP XXE prevention).
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new UnreadableFileException("status feed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        return switch (root.getLocalName() == null ? root.getTagName() : root.getLocalName()) {
            case "rss" -> entries("rss", root.getElementsByTagName("item"), "guid", "pubDate", "description");
            case "feed" -> entries("atom", root.getElementsByTagNameNS("*", "entry"), "id", "published", "summary");
            default -> throw new UnreadableFileException("status feed XML: root element <" + root.getTagName()
                    + "> is neither <rss> nor Atom <feed>");
        };
    }

    private StatusFeed entries(String format, NodeList items, String idTag, String timeTag, String textTag) {
        List<Incident> incidents = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int k = 0; k < items.getLength(); k++) {
            Element e = (Element) items.item(k);
            int n = k + 1;
            String id = child(e, idTag);
            String title = child(e, "title");
            if (id == null) {
                id = child(e, "link");
            }
            if (id == null) {
                skipped.add("entry " + n + ": no " + idTag);
                continue;
            }
            String when = child(e, timeTag);
            if (when == null && format.equals("atom")) {
                when = child(e, "updated");
            }
            Instant started;
            try {
                started = when == null ? null : format.equals("rss")
                        ? ZonedDateTime.parse(when, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        : OffsetDateTime.parse(when).toInstant();
            } catch (DateTimeParseException ex) {
                skipped.add("entry " + n + ": " + timeTag + " '" + when + "' is not a time");
                continue;
            }
            String text = child(e, textTag);
            boolean closed = title != null && CLOSED.matcher(title).find() || text != null && CLOSED.matcher(text).find();
            String link = child(e, "link");
            if (format.equals("atom")) {
                NodeList links = e.getElementsByTagNameNS("*", "link");
                link = links.getLength() == 0 ? null : ((Element) links.item(0)).getAttribute("href");
            }
            incidents.add(new Incident(id, title == null ? id : title, !closed, closed ? "resolved" : "open", started,
                    null, link == null || link.isBlank() ? null : link));
        }
        return new StatusFeed(format, incidents, skipped);
    }

    private static String child(Element e, String tag) {
        NodeList l = e.getElementsByTagNameNS("*", tag);
        if (l.getLength() == 0) {
            l = e.getElementsByTagName(tag);
        }
        if (l.getLength() == 0) {
            return null;
        }
        String v = l.item(0).getTextContent();
        return v == null || v.isBlank() ? null : v.trim();
    }
}
