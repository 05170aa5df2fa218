package io.trunkline.contract.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackTableTest {

    @Test
    void prefixesSplitTheAccessCodeFromTheNumber() {
        assertThat(FallbackTable.prefixes("9011442071234567", "+442071234567", 2)).hasValueSatisfying(p ->
                assertThat(p).containsExactly("901144", "+44"));
        assertThat(FallbackTable.prefixes("918005551234", "+18005551234", 4)).hasValueSatisfying(p ->
                assertThat(p).containsExactly("91800", "+1800"));
        assertThat(FallbackTable.prefixes("02071234567", "+442071234567", 2)).as("a national call: 0 stands for +44")
                .hasValueSatisfying(p -> assertThat(p).containsExactly("0", "+44"));
        assertThat(FallbackTable.prefixes("912125551234", "+12125551234", 1)).hasValueSatisfying(p ->
                assertThat(p).containsExactly("91", "+1"));
        assertThat(FallbackTable.prefixes("+14165550123", "+14165550123", 1)).hasValueSatisfying(p ->
                assertThat(p).containsExactly("+1", "+1"));
        assertThat(FallbackTable.prefixes("12125552001", "+12125552001", 1)).hasValueSatisfying(p ->
                assertThat(p).containsExactly("1", "+1"));
        assertThat(FallbackTable.prefixes("2001", "+12125559999", 1)).as("nothing shared").isEmpty();
        assertThat(FallbackTable.prefixes("2001", null, 1)).isEmpty();
    }

    @Test
    void theLongestPrefixWinsAndTheTableRoundTrips() {
        FallbackTable table = new FallbackTable("hq-cucm", "2026-11-26T10:00:00Z", List.of(
                new FallbackTable.Entry("91", "+1", "DOMESTIC", List.of(new FallbackTable.Target("carrier-c", "sip:c.example:5060"))),
                new FallbackTable.Entry("91800", "+1800", "TOLL_FREE", List.of(new FallbackTable.Target("carrier-b", "sip:b.example:5060")))));
        FallbackTable.Entry tollFree = table.match("918005551234").orElseThrow();
        assertThat(tollFree.routes()).extracting(FallbackTable.Target::target).containsExactly("carrier-b");
        assertThat(FallbackTable.e164(tollFree, "918005551234")).isEqualTo("+18005551234");
        assertThat(table.match("912125551234").orElseThrow().callClass()).isEqualTo("DOMESTIC");
        assertThat(table.match("2001")).isEmpty();
        assertThat(FallbackTable.fromJson(table.toJson())).isEqualTo(table);
        assertThat(FallbackTable.trunk("sip:+442071234567@127.0.0.1:17261;transport=tls")).isEqualTo("sip:127.0.0.1:17261;transport=tls");
    }
}
