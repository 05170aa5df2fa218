package io.trunkline.camel.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.UnreadableFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Fixtures written from Atlassian Statuspage's public API documentation (/api/v2/incidents.json), the RSS 2.0
 * specification and RFC 4287 (Atom), as carriers' status pages publish them.
 */
class StatusFeedParserTest {

    private final StatusFeedParser parser = new StatusFeedParser();

    private static byte[] fixture(String path) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/statusfeed", path));
    }

    @Test
    void statuspageJsonGivesOpenAndResolvedIncidents() throws Exception {
        StatusFeed feed = parser.parse(fixture("valid/statuspage.json"));
        assertThat(feed.format()).isEqualTo("statuspage-json");
        assertThat(feed.skipped()).isEmpty();
        assertThat(feed.incidents()).hasSize(2);
        Incident open = feed.incidents().get(0);
        assertThat(open.id()).isEqualTo("p31zjtct2jer");
        assertThat(open.title()).isEqualTo("Elevated call failures to UK mobile numbers");
        assertThat(open.open()).isTrue();
        assertThat(open.status()).isEqualTo("identified");
        assertThat(open.startedAt()).isEqualTo(Instant.parse("2026-11-26T09:55:00Z"));
        assertThat(open.resolvedAt()).isNull();
        assertThat(open.link()).isEqualTo("https://stspg.io/p31zjtct2jer");
        Incident resolved = feed.incidents().get(1);
        assertThat(resolved.open()).isFalse();
        assertThat(resolved.resolvedAt()).isEqualTo(Instant.parse("2026-11-25T15:30:00Z"));
    }

    @Test
    void rssItemsAreClosedWhenTheyAreWordedResolved() throws Exception {
        StatusFeed feed = parser.parse(fixture("valid/rss.xml"));
        assertThat(feed.format()).isEqualTo("rss");
        assertThat(feed.incidents()).extracting(Incident::id).containsExactly("incident-4711", "incident-4702");
        assertThat(feed.incidents()).extracting(Incident::open).containsExactly(true, false);
        assertThat(feed.incidents().get(0).startedAt()).isEqualTo(Instant.parse("2026-11-26T09:40:00Z"));
        assertThat(feed.incidents().get(0).title()).isEqualTo("Investigating - SIP trunk registration failures in US-East");
        assertThat(feed.incidents().get(0).link()).isEqualTo("https://status.carrier-a.example/incidents/4711");
    }

    @Test
    void atomEntriesWithTheirPublishedTimeAndLink() throws Exception {
        StatusFeed feed = parser.parse(fixture("valid/atom.xml"));
        assertThat(feed.format()).isEqualTo("atom");
        assertThat(feed.incidents()).extracting(Incident::open).containsExactly(true, false);
        Incident pdd = feed.incidents().get(0);
        assertThat(pdd.id()).isEqualTo("tag:status.carrier-b.example,2026:incident/88");
        assertThat(pdd.startedAt()).isEqualTo(Instant.parse("2026-11-26T10:45:00Z"));
        assertThat(pdd.link()).isEqualTo("https://status.carrier-b.example/incidents/88");
        assertThat(feed.incidents().get(1).startedAt()).as("no published: updated").isEqualTo(Instant.parse("2026-11-20T04:00:00Z"));
    }

    @Test
    void unreadableFeedsAreRefusedAndBadEntriesSkippedWithTheirReason() throws Exception {
        assertThatThrownBy(() -> parser.parse(fixture("invalid/truncated.json")))
                .isInstanceOf(UnreadableFileException.class).hasMessageStartingWith("status feed JSON:");
        assertThatThrownBy(() -> parser.parse(fixture("invalid/no-incidents.json")))
                .hasMessage("status feed JSON: no 'incidents' array (Statuspage's /api/v2/incidents.json)");
        assertThatThrownBy(() -> parser.parse(fixture("invalid/not-a-feed.xml")))
                .hasMessage("status feed XML: root element <html> is neither <rss> nor Atom <feed>");
        assertThatThrownBy(() -> parser.parse(fixture("invalid/entity.xml")))
                .as("a DOCTYPE, and with it any external entity, is refused").hasMessageStartingWith("status feed XML:")
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> parser.parse("Service Unavailable".getBytes()))
                .hasMessage("not a status feed: neither JSON nor XML (starts with 'Service Unavailable')");
        StatusFeed partly = parser.parse(fixture("invalid/bad-items.json"));
        assertThat(partly.incidents()).extracting(Incident::id).containsExactly("b3");
        assertThat(partly.skipped()).containsExactly("incident 1: created_at 'yesterday' is not an ISO-8601 time",
                "incident 2: no 'id'");
    }

    @Test
    void onlyTheIncidentsOwnMembersAreTakenWhateverSurroundsThem() {
        StatusFeed feed = parser.parse(("{\"page\":{\"id\":\"pg\",\"name\":\"Carrier A\"},\"incidents\":[7,[\"x\"],"
                + "{\"id\":42,\"name\":\"Lost calls\",\"components\":[{\"id\":\"c1\",\"status\":\"resolved\"}],"
                + "\"status\":\"monitoring\",\"created_at\":\"2026-11-26T09:55:00Z\",\"resolved_at\":null}],"
                + "\"after\":{\"id\":\"not-an-incident\",\"list\":[{\"id\":\"nor-this\"}]}}").getBytes(StandardCharsets.UTF_8));
        assertThat(feed.incidents()).extracting(Incident::id).containsExactly("42");
        assertThat(feed.incidents().get(0).status()).as("not the component's").isEqualTo("monitoring");
        assertThat(feed.incidents().get(0).open()).isTrue();
        assertThat(feed.incidents().get(0).resolvedAt()).isNull();
        assertThat(feed.skipped()).containsExactly("incident 1: not an object", "incident 2: not an object");
        assertThat(parser.parse("[{\"id\":\"r1\",\"created_at\":\"2026-11-26T09:55:00Z\"}]".getBytes(StandardCharsets.UTF_8))
                .incidents()).extracting(Incident::id).containsExactly("r1");
    }

    @Test
    void aHostileFeedIsRefusedAtItsLimitsNotWithAStackOverflow() {
        assertThatThrownBy(() -> parser.parse(("{\"incidents\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("status feed JSON: nesting deeper than the limit of 64 levels at character 78");
        assertThatThrownBy(() -> parser.parse(new byte[StatusFeedParser.MAX_BYTES + 1]))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("over the limit of 4194304 bytes");
        assertThatThrownBy(() -> parser.parse("{\"incidents\":[]} trailing".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFileException.class).hasMessageStartingWith("status feed JSON:");
    }
}
