package io.trunkline.ejb.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallQueriesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static CallRecords.Query parse(String from, String to, String pbx, String carrier, String number,
                                           String outcome, String limit, String before) {
        return CallQueries.parse(from, to, pbx, carrier, number, outcome, limit, before, NOW);
    }

    @Test
    void withNothingGivenTheLastDayIsSearchedAHundredCallsAPage() {
        CallRecords.Query q = parse(null, "", " ", null, null, null, null, null);
        assertThat(q.to()).isEqualTo(NOW.plusSeconds(1));
        assertThat(q.from()).isEqualTo(NOW.plusSeconds(1).minus(CallQueries.DEFAULT_PERIOD));
        assertThat(q.limit()).isEqualTo(CallRecords.DEFAULT_LIMIT);
        assertThat(q.pbx()).isNull();
        assertThat(q.carrier()).isNull();
        assertThat(q.number()).isNull();
        assertThat(q.outcome()).isNull();
        assertThat(q.before()).isNull();
    }

    @Test
    void everyParameterIsRead() {
        CallRecords.CallSummary last = summary(Instant.parse("2026-11-20T08:00:00.123456Z"), "a1@10.0.0.1");
        CallRecords.Query q = parse("2026-11-01", "2026-11-26T10:00:00Z", "hq-cucm", "carrier-b", "+44 20 7123-4567",
                "No_Answer", "250", last.cursor().token());
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(q.pbx().value()).isEqualTo("hq-cucm");
        assertThat(q.carrier().value()).isEqualTo("carrier-b");
        assertThat(q.number().text()).isEqualTo("+442071234567");
        assertThat(q.outcome()).isEqualTo(CallOutcome.of(CallOutcome.Kind.NO_ANSWER));
        assertThat(q.limit()).isEqualTo(250);
        assertThat(q.before()).isEqualTo(new CallCursor(Instant.parse("2026-11-20T08:00:00.123456Z"), "a1@10.0.0.1"));
    }

    @Test
    void eachBadParameterIsRefusedNamingIt() {
        assertField(() -> parse("yesterday", null, null, null, null, null, null, null), "from");
        assertField(() -> parse(null, "2026-13-01", null, null, null, null, null, null), "to");
        assertField(() -> parse("2026-11-02", "2026-11-01", null, null, null, null, null, null), "from");
        assertField(() -> parse("2026-11-01", "2026-11-01", null, null, null, null, null, null), "from");
        assertField(() -> parse(null, null, "hq cucm", null, null, null, null, null), "pbx");
        assertField(() -> parse(null, null, null, "carrier/b", null, null, null, null), "carrier");
        assertField(() -> parse(null, null, null, null, "call me", null, null, null), "number");
        assertField(() -> parse(null, null, null, null, "+", null, null, null), "number");
        assertField(() -> parse(null, null, null, null, "1".repeat(33), null, null, null), "number");
        assertField(() -> parse(null, null, null, null, null, "lost", null, null), "outcome");
        assertField(() -> parse(null, null, null, null, null, "99", null, null), "outcome");
        assertField(() -> parse(null, null, null, null, null, "700", null, null), "outcome");
        assertField(() -> parse(null, null, null, null, null, null, "ten", null), "limit");
        assertField(() -> parse(null, null, null, null, null, null, "0", null), "limit");
        assertField(() -> parse(null, null, null, null, null, null, "1001", null), "limit");
        assertField(() -> parse(null, null, null, null, null, null, null, "not-a-cursor"), "before");
        assertField(() -> parse(null, null, null, null, null, null, null, "bm9iYXI"), "before");
    }

    @Test
    void outcomesAreKindsOrSipCodes() {
        assertThat(CallOutcome.parse("answered").kind()).isEqualTo(CallOutcome.Kind.ANSWERED);
        assertThat(CallOutcome.parse(" REFUSED ").kind()).isEqualTo(CallOutcome.Kind.REFUSED);
        assertThat(CallOutcome.parse("no-answer").label()).isEqualTo("no-answer");
        assertThat(CallOutcome.parse("503")).isEqualTo(CallOutcome.code(503));
        assertThat(CallOutcome.parse("503").label()).isEqualTo("503");
        assertThatThrownBy(() -> CallOutcome.parse("lost")).hasMessageContaining("[answered, refused, busy, no-answer, "
                + "failed]");
    }

    @Test
    void everyCallIsOfExactlyOneKind() {
        Instant at = NOW;
        assertThat(CallOutcome.kindOf(at, 2, 200)).isEqualTo(CallOutcome.Kind.ANSWERED);
        assertThat(CallOutcome.kindOf(null, 0, 403)).isEqualTo(CallOutcome.Kind.REFUSED);
        assertThat(CallOutcome.kindOf(null, 1, 486)).isEqualTo(CallOutcome.Kind.BUSY);
        assertThat(CallOutcome.kindOf(null, 1, 600)).isEqualTo(CallOutcome.Kind.BUSY);
        assertThat(CallOutcome.kindOf(null, 1, 480)).isEqualTo(CallOutcome.Kind.NO_ANSWER);
        assertThat(CallOutcome.kindOf(null, 2, 487)).isEqualTo(CallOutcome.Kind.NO_ANSWER);
        assertThat(CallOutcome.kindOf(null, 2, 503)).isEqualTo(CallOutcome.Kind.FAILED);
        assertThat(CallOutcome.kindOf(null, 1, 603)).isEqualTo(CallOutcome.Kind.FAILED);
        assertThat(CallOutcome.code(503).matches(null, 2, 503)).isTrue();
        assertThat(CallOutcome.code(503).matches(null, 2, 502)).isFalse();
        assertThat(CallOutcome.of(CallOutcome.Kind.BUSY).matches(null, 0, 486)).as("refused with 486: not tried")
                .isFalse();
    }

    @Test
    void aNumberIsFoundInItsInternationalForms() {
        assertThat(SearchNumber.parse("+442071234567").forms()).containsExactly("+442071234567", "442071234567");
        assertThat(SearchNumber.parse("442071234567").forms()).containsExactly("442071234567", "+442071234567");
        assertThat(SearchNumber.parse("011442071234567").forms()).containsExactly("011442071234567", "+442071234567");
        assertThat(SearchNumber.parse("00442071234567").forms()).containsExactly("00442071234567", "+442071234567");
        assertThat(SearchNumber.parse("(020) 7123 4567").forms()).as("national: as dialed only")
                .containsExactly("02071234567");
        assertThat(SearchNumber.parse("9011442071234567").forms()).as("an outside-line digit: as dialed only")
                .containsExactly("9011442071234567");
        assertThat(SearchNumber.parse("2001").forms()).as("an extension").containsExactly("2001");
        assertThat(SearchNumber.parse("*72#").forms()).containsExactly("*72#");
    }

    @Test
    void aCursorReadsBackAsItWasGiven() {
        CallCursor c = new CallCursor(Instant.parse("2026-11-20T08:00:00.000001Z"), "weird|id=é@host");
        assertThat(CallCursor.parse(c.token())).isEqualTo(c);
        assertThat(c.token()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theNextPageKeepsTheSearchAndMovesTheCursor() {
        CallRecords.Query q = parse("2026-11-01", "2026-11-02", "hq-cucm", null, "2001", "busy", "5", null);
        CallCursor c = new CallCursor(Instant.parse("2026-11-01T12:00:00Z"), "x");
        CallRecords.Query next = q.after(c);
        assertThat(next.before()).isEqualTo(c);
        assertThat(next).usingRecursiveComparison().ignoringFields("before").isEqualTo(q);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidCallQuery.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).isNotBlank();
        });
    }

    static CallRecords.CallSummary summary(Instant at, String id) {
        return new CallRecords.CallSummary(id, at, "edge-1", "OUTBOUND", "hq-cucm", "hq-cucm", "2001", "+12125552001",
                "9011442071234567", "+442071234567", "INTERNATIONAL", "PLATFORM", "carrier-b", 2, at, at, 0, 200, "PBX",
                "answered");
    }
}
