package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.UnreadableFileException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Teams Direct Routing call records as the Teams admin center exports them (Analytics &amp; reports,
 * PSTN usage report, Direct Routing tab, Export to Excel): an RFC 4180 CSV, one call a line under a header row,
 * columns found by name whatever their case and order. The same rows fetched from Microsoft Graph
 * ({@code GET /communications/callRecords/getDirectRoutingCalls}, {@code directRoutingLogRow}) are read too,
 * chosen by content: a file starting with {@code &#123;} is a Graph JSON page ({@link TeamsGraphPage}), a CSV
 * whose header row uses Graph's property names ({@code correlationId}, {@code startDateTime}, {@code duration},
 * {@code successfulCall}, {@code finalSipCode}, {@code trunkFullyQualifiedDomainName}, {@code userPrincipalName}...)
 * is those rows flattened, each property read as the export's column of the same meaning. Graph writes
 * {@code 0001-01-01T00:00:00Z} (the smallest DateTimeOffset) for a time that does not apply: read as none. Needed: {@code Correlation ID} (the record key and call
 * key), {@code Caller Number}, {@code Callee Number} (as the SBC sent them, which may be E.164, a private number or
 * a name), {@code Start time}, {@code Duration (seconds)}, {@code Success} and {@code Final SIP code}; read when
 * present: {@code Invite time}, {@code End time}, {@code Failure time}, {@code Trunk FQDN} (or {@code SBC FQDN},
 * the portal's name; the trunk) and {@code SIP Address} (the Teams user or bot, kept as the channel). A file
 * without a needed column is refused naming it.
 * <p>
 * Times are ISO 8601 ({@code 2026-11-26T10:00:05.123Z}), as the admin center and Graph write them, or the form
 * PowerShell gives a date-time in the en-US culture ({@link #powerShellUs}): an admin who exports Graph's rows with
 * {@code Get-MgCommunicationCallRecordDirectRoutingCall ... | Export-Csv} gets {@code 12/7/2026 4:23:46 PM}
 * ({@code M/d/yyyy h:mm:ss tt}), or {@code 12/7/2026 4:23:46 PM +00:00} for a DateTimeOffset (PowerShell 7 quotes
 * every field and writes no {@code #TYPE} line, Windows PowerShell 5.1 writes one first; both are read). Teams
 * keeps its times in UTC, so a time without an offset is UTC; an offset is honoured. A date with slashes is read
 * month first only in exactly the en-US form (AM/PM, no leading zeros): other cultures write day and month in the
 * other order ({@code 07/12/2026 16:23:46} in en-GB, {@code 7/12/2026 4:23:46 pm} in en-AU), and as one line
 * cannot say which it is, such a time quarantines its line naming the column and the forms read.
 * <p>
 * The report's "Start time" is when the call was answered on an outbound call (the SBC's 200 OK) and when it was
 * offered to Teams on an inbound one, and may equal the invite or failure time of a call that failed; so
 * the call starts at the invite time when there is one, is answered at the start time when it succeeded, and
 * ends at the end time (successful calls) or the failure time (failed ones). {@code Duration (seconds)} is the
 * connected time, the billable time. Success is Yes/No, True/False or, as the portal's "Event type" says it,
 * Success/Attempt. The SIP code is the final code (empty or 0: none); the disposition is ANSWERED for a
 * successful call or a final 200, else from the code: 486 and 600 BUSY, 408, 480 and 487 NO_ANSWER, 603
 * REJECTED, 503 CONGESTION, anything else FAILED.
 */
public final class TeamsCallRecordParser implements CdrFormat {

    static final String FORMAT = "Teams Direct Routing";

    /**
     * Graph writes the smallest DateTimeOffset for a time that does not apply to the call (the failure time of an
     * established call, the end time of a failed one): no time. PowerShell in en-US writes it
     * {@code 1/1/0001 12:00:00 AM}, the same instant.
     */
    static final Instant NO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /**
     * .NET's en-US general date-time, {@code M/d/yyyy h:mm:ss tt}, and its DateTimeOffset form with {@code zzz}
     * after it. Before AM/PM a space, or the narrow no-break space (U+202F) that .NET writes where ICU 72 or later
     * gives it the culture's data (CLDR 42 changed en-US times to it), or a no-break space.
     */
    private static final Pattern EN_US = Pattern.compile("([1-9]|1[0-2])/([1-9]|[12][0-9]|3[01])/([0-9]{4}) "
            + "([1-9]|1[0-2]):([0-5][0-9]):([0-5][0-9])[ \u202F\u00A0](AM|PM)(?: ([+-][0-9]{2}:[0-9]{2}))?");

    static final String TIME_FORMS = "an ISO-8601 time (2026-12-07T16:23:46Z) nor PowerShell's en-US "
            + "M/d/yyyy h:mm:ss AM/PM";

    private final String source;

    public TeamsCallRecordParser(String source) {
        this.source = source;
    }

    @Override
    public int headerLines() {
        return 1;
    }

    @Override
    public LineParser open(String fileName, List<String> header) {
        if (header.isEmpty()) {
            throw new UnreadableFileException(FORMAT + " file has no header row");
        }
        return new Lines(new HeaderRow(FORMAT, header.get(0)), true)::parse;
    }

    /**
     * A file starting with an object is a Graph JSON page; anything else a CSV, the export or Graph's rows
     * flattened. Windows PowerShell's {@code Export-Csv} writes a {@code #TYPE <class>} line before the header
     * row unless told not to: that line is passed over (and still counted).
     */
    @Override
    public CdrFormat forContent(String start) {
        if (start.startsWith("{")) {
            return new TeamsGraphPage(this);
        }
        if (start.startsWith("#TYPE ")) {
            return new CdrFormat() {
                @Override
                public int headerLines() {
                    return 2;
                }

                @Override
                public LineParser open(String fileName, List<String> header) {
                    return TeamsCallRecordParser.this.open(fileName, header.subList(Math.min(1, header.size()),
                            header.size()));
                }
            };
        }
        return this;
    }

    /**
     * Reads rows given as their values in the order of {@code names}, each named by {@code header.column}: a Graph
     * JSON page's, whose times are Graph's own ISO 8601 strings.
     */
    Function<List<String>, CdrRecord> rows(HeaderRow header) {
        return new Lines(header, false)::parse;
    }

    /**
     * A time as the admin center and Graph write it (ISO 8601, UTC when it has no offset) or, when
     * {@code powerShell}, as PowerShell in the en-US culture does; null for any other text.
     *
     * @throws IllegalArgumentException for the en-US form of a day that does not exist (2/30/2026)
     */
    static Instant instant(String text, boolean powerShell) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notIso) {
                return powerShell ? powerShellUs(text) : null;
            }
        }
    }

    /**
     * {@code 12/7/2026 4:23:46 PM}, month first, 12 AM being midnight and 12 PM noon; UTC unless an offset
     * ({@code +01:00}) follows. Null when the text is not in this form.
     */
    static Instant powerShellUs(String text) {
        Matcher m = EN_US.matcher(text);
        if (!m.matches()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is no day of the calendar (month/day/year)");
        }
        ZoneOffset offset;
        try {
            offset = m.group(8) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' has an offset beyond 18 hours");
        }
        int hour = Integer.parseInt(m.group(4)) % 12 + (m.group(7).equals("PM") ? 12 : 0);
        return day.atTime(hour, Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))).toInstant(offset);
    }

    static String disposition(boolean answered, Integer sipCode) {
        if (answered) {
            return "ANSWERED";
        }
        if (sipCode == null) {
            return "FAILED";
        }
        return switch (sipCode) {
            case 486, 600 -> "BUSY";
            case 408, 480, 487 -> "NO_ANSWER";
            case 603 -> "REJECTED";
            case 503 -> "CONGESTION";
            default -> "FAILED";
        };
    }

    private final class Lines {
        private final HeaderRow h;
        private final int correlation;
        private final int caller;
        private final int callee;
        private final int start;
        private final int duration;
        private final int success;
        private final int sipCode;
        private final int invite;
        private final int end;
        private final int failure;
        private final int trunk;
        private final int sipAddress;

        /** Whether a time may be in PowerShell's en-US form: in a CSV, which PowerShell may have written. */
        private final boolean csv;

        Lines(HeaderRow h, boolean csv) {
            this.h = h;
            this.csv = csv;
            // The admin center's names first, then Graph's directRoutingLogRow property names.
            correlation = h.require("Correlation ID", "correlationId");
            caller = h.require("Caller Number", "callerNumber");
            callee = h.require("Callee Number", "calleeNumber");
            start = h.require("Start time", "Start time (UTC)", "startDateTime");
            duration = h.require("Duration (seconds)", "Duration");
            success = h.require("Success", "Event type", "successfulCall");
            sipCode = h.require("Final SIP code", "finalSipCode");
            invite = h.find("Invite time", "Invite time (UTC)", "inviteDateTime");
            end = h.find("End time", "End time (UTC)", "endDateTime");
            failure = h.find("Failure time", "Failure time (UTC)", "failureDateTime");
            trunk = h.find("Trunk FQDN", "SBC FQDN", "trunkFullyQualifiedDomainName");
            sipAddress = h.find("SIP Address", "userPrincipalName");
        }

        CdrRecord parse(String line) {
            return parse(h.fields(line));
        }

        CdrRecord parse(List<String> f) {
            String key = f.get(correlation).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(h.column(correlation) + ": empty");
            }
            Instant startTime = time(f, start);
            Instant invited = time(f, invite);
            Instant ended = time(f, end);
            Instant failed = time(f, failure);
            long seconds = seconds(f);
            boolean succeeded = succeeded(f);
            Integer code = sipCode(f);
            boolean answered = succeeded || code != null && code == 200;

            Instant startedAt = invited != null ? invited : startTime;
            if (startTime.isBefore(startedAt)) {
                throw before(start, f, invite);
            }
            Instant endedAt;
            if (ended != null) {
                endedAt = ended;
                if (ended.isBefore(startedAt)) {
                    throw before(end, f, invited != null ? invite : start);
                }
            } else if (failed != null) {
                endedAt = failed;
                if (failed.isBefore(startedAt)) {
                    throw before(failure, f, invited != null ? invite : start);
                }
            } else {
                endedAt = answered ? startTime.plusSeconds(seconds) : startTime;
            }
            return new CdrRecord(source, key, f.get(caller), f.get(callee), startedAt, answered ? startTime : null, endedAt,
                    endedAt.toEpochMilli() - startedAt.toEpochMilli(), seconds * 1000, disposition(answered, code), code,
                    null, null, optional(f, sipAddress), null, optional(f, trunk), key);
        }

        private IllegalArgumentException before(int column, List<String> f, int earlier) {
            String what = earlier == invite ? "the invite " : "the start ";
            return new IllegalArgumentException(h.column(column) + ": " + f.get(column).trim() + " is before " + what
                    + f.get(earlier).trim());
        }

        /** @return null for a column the file lacks or a value left empty; a required column is never empty */
        private Instant time(List<String> f, int at) {
            if (at < 0) {
                return null;
            }
            String text = f.get(at).trim();
            if (text.isEmpty()) {
                if (at == start) {
                    throw new IllegalArgumentException(h.column(at) + ": empty");
                }
                return null;
            }
            Instant t;
            try {
                t = instant(text, csv);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(h.column(at) + ": " + e.getMessage());
            }
            if (t == null) {
                throw new IllegalArgumentException(h.column(at) + ": '" + text + "' is "
                        + (csv ? "neither " + TIME_FORMS : "not an ISO-8601 time"));
            }
            if (t.equals(NO_TIME)) {
                if (at == start) {
                    throw new IllegalArgumentException(h.column(at) + ": " + text + " is no time");
                }
                return null;
            }
            return t;
        }

        private long seconds(List<String> f) {
            String text = f.get(duration).trim();
            long v = -1;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                // reported below
            }
            if (v < 0) {
                throw new IllegalArgumentException(h.column(duration) + ": '" + text + "' is not a whole number of seconds");
            }
            return v;
        }

        private boolean succeeded(List<String> f) {
            String text = f.get(success).trim();
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "yes", "true", "success" -> true;
                case "no", "false", "attempt" -> false;
                default -> throw new IllegalArgumentException(h.column(success) + ": '" + text
                        + "' is not Yes/No, True/False or Success/Attempt");
            };
        }

        /** RFC 3261 §21: response codes run from 100 to 699; empty or 0 is no final response recorded. */
        private Integer sipCode(List<String> f) {
            String text = f.get(sipCode).trim();
            if (text.isEmpty() || text.equals("0")) {
                return null;
            }
            int v = 0;
            try {
                v = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                // reported below
            }
            if (v < 100 || v > 699) {
                throw new IllegalArgumentException(h.column(sipCode) + ": '" + text + "' is not a SIP response code");
            }
            return v;
        }

        private String optional(List<String> f, int at) {
            if (at < 0 || f.get(at).isBlank()) {
                return null;
            }
            return f.get(at).trim();
        }
    }
}
