package io.trunkline.ejb.calls.api;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of calls ended: the start and id of its last (oldest) call. The next page holds the calls before it in
 * the search's order (newest first, then Call-ID descending), found by the index from there on (keyset paging), so
 * page 50 costs what page 1 does; calls stored meanwhile never shift a page. Handed out as an opaque
 * {@link #token()}.
 */
public record CallCursor(Instant startedAt, String callId) implements Serializable {

    public CallCursor {
        if (startedAt == null || callId == null || callId.isEmpty()) {
            throw new InvalidCallQuery("before", "a cursor needs the call's start and id");
        }
    }

    /** URL-safe text for the {@code before} parameter. */
    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startedAt + "|" + callId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidCallQuery naming {@code before} when the text is not a token this class gave */
    public static CallCursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new CallCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidCallQuery("before", "'" + token + "' is not a cursor of this search (use the 'next' "
                    + "of the page before)");
        }
    }
}
