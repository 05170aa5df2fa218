package io.trunkline.camel.feeds;

import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.contract.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
 * readable time is skipped with the reason; a body that is none of these forms is refused whole.
 */
public final class StatusFeedParser {

    private static final Pattern CLOSED = Pattern.compile("(?i)\\b(resolved|completed|postmortem)\\b");

    public StatusFeed parse(byte[] body) {
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

    @SuppressWarnings("unchecked")
    private StatusFeed json(String text) {
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException("status feed JSON: " + e.getMessage());
        }
        Object list = root instanceof Map<?, ?> m ? m.get("incidents") : root;
        if (!(list instanceof List<?>)) {
            throw new UnreadableFileException("status feed JSON: no 'incidents' array (Statuspage's /api/v2/incidents.json)");
        }
        List<Incident> incidents = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int n = 0;
        for (Object o : (List<Object>) list) {
            n++;
            if (!(o instanceof Map<?, ?>)) {
                skipped.add("incident " + n + ": not an object");
                continue;
            }
            Map<String, Object> i = (Map<String, Object>) o;
            try {
                String id = required(i, "id", n);
                String status = String.valueOf(i.getOrDefault("status", "investigating")).toLowerCase(Locale.ROOT);
                Instant started = iso(required(i, "created_at", n), "created_at", n);
                Object resolved = i.get("resolved_at");
                boolean open = !status.equals("resolved") && !status.equals("postmortem") && !status.equals("completed");
                incidents.add(new Incident(id, String.valueOf(i.getOrDefault("name", id)), open, status, started,
                        resolved == null ? null : iso(String.valueOf(resolved), "resolved_at", n),
                        i.get("shortlink") == null ? null : String.valueOf(i.get("shortlink"))));
            } catch (IllegalArgumentException e) {
                skipped.add(e.getMessage());
            }
        }
        return new StatusFeed("statuspage-json", incidents, skipped);
    }

    private static String required(Map<String, Object> i, String field, int n) {
        Object v = i.get(field);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException("incident " + n + ": no '" + field + "'");
        }
        return String.valueOf(v);
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
