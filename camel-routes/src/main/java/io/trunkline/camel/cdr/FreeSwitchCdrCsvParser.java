package io.trunkline.camel.cdr;

import static java.util.Map.entry;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FreeSWITCH {@code mod_cdr_csv} files: no header row, every field in double quotes, written with one of two
 * templates told apart by their column count. The vanilla configuration's {@code example} template
 * (cdr_csv.conf.xml {@code default-template="example"}, 15 columns) writes caller_id_name, caller_id_number,
 * destination_number, context, start_stamp, answer_stamp, end_stamp, duration, billsec, hangup_cause, uuid,
 * bleg_uuid, accountcode, read_codec, write_codec; the module's built-in {@code default} template (mod_cdr_csv.c
 * {@code default_template}, used when {@code default-template} is unset or {@code default}, 13 columns) writes the
 * same up to accountcode, which it writes after a space ({@code , "sales"}). Stamps are the switch's local time
 * ({@code yyyy-MM-dd HH:mm:ss}, answer_stamp empty for an unanswered call); duration and billsec are whole
 * seconds. The channel uuid is both the record key and the call key; the channel is the uuid, the peer channel
 * the b-leg uuid.
 * <p>
 * The module expands each {@code ${variable}} into the template as it is (mod_cdr_csv.c {@code my_on_reporting},
 * {@code switch_channel_expand_variables}): nothing is escaped, so a caller name {@code Bob "The Builder" Smith} is
 * written {@code "Bob "The Builder" Smith","1001",...}. Its lines are therefore not RFC 4180 and are split as the
 * module means them ({@link #fields}): a quote closes a quoted field only where a comma or the end of the record
 * follows, and any other quote is the value's own; every field must be in quotes as the templates write them (the
 * built-in template's accountcode after its space), so that the rest of a record cut in two is not read as a
 * record. A value holding a quote and then a comma cannot be told from two fields and is set aside by its column
 * count.
 * <p>
 * hangup_cause is a cause name of FreeSWITCH's {@code switch_call_cause_t} (switch_types.h, the "Hangup Cause
 * Code Table" of the FreeSWITCH documentation); a name not in it rejects the line. The Q.850 cause is the one
 * FreeSWITCH itself reports as {@code hangup_cause_q850} ({@code switch_channel_cause_q850}): the cause's own
 * number up to 127 (INTERWORKING), and 16 (normal clearing) for FreeSWITCH's internal causes above it such as
 * ORIGINATOR_CANCEL (487) or MEDIA_TIMEOUT (604); NONE (0) gives no cause. The disposition is ANSWERED when
 * billsec is positive or the call has an answer stamp, else taken from the cause: USER_BUSY, BUSY_EVERYWHERE
 * give BUSY; NO_ANSWER, NO_USER_RESPONSE, ORIGINATOR_CANCEL give NO_ANSWER; CALL_REJECTED, DECLINE, REJECT_ALL
 * give REJECTED; NORMAL_CIRCUIT_CONGESTION, SWITCH_CONGESTION give CONGESTION; every other cause FAILED.
 * Neither template names a gateway, so the trunk is null.
 */
public final class FreeSwitchCdrCsvParser implements CdrFormat {

    static final String[] COLUMNS = {"caller_id_name", "caller_id_number", "destination_number", "context",
            "start_stamp", "answer_stamp", "end_stamp", "duration", "billsec", "hangup_cause", "uuid", "bleg_uuid",
            "accountcode", "read_codec", "write_codec"};
    /** mod_cdr_csv.c {@code default_template}: the example template's columns up to accountcode. */
    static final int BUILT_IN_COLUMNS = 13;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** switch_types.h {@code switch_call_cause_t}: the cause names mod_cdr_csv writes, with their numbers. */
    static final Map<String, Integer> CAUSES = Map.ofEntries(
            entry("NONE", 0), entry("UNALLOCATED_NUMBER", 1), entry("NO_ROUTE_TRANSIT_NET", 2),
            entry("NO_ROUTE_DESTINATION", 3), entry("CHANNEL_UNACCEPTABLE", 6), entry("CALL_AWARDED_DELIVERED", 7),
            entry("NORMAL_CLEARING", 16), entry("USER_BUSY", 17), entry("NO_USER_RESPONSE", 18), entry("NO_ANSWER", 19),
            entry("SUBSCRIBER_ABSENT", 20), entry("CALL_REJECTED", 21), entry("NUMBER_CHANGED", 22),
            entry("REDIRECTION_TO_NEW_DESTINATION", 23), entry("EXCHANGE_ROUTING_ERROR", 25),
            entry("DESTINATION_OUT_OF_ORDER", 27), entry("INVALID_NUMBER_FORMAT", 28), entry("FACILITY_REJECTED", 29),
            entry("RESPONSE_TO_STATUS_ENQUIRY", 30), entry("NORMAL_UNSPECIFIED", 31),
            entry("NORMAL_CIRCUIT_CONGESTION", 34), entry("NETWORK_OUT_OF_ORDER", 38),
            entry("NORMAL_TEMPORARY_FAILURE", 41), entry("SWITCH_CONGESTION", 42), entry("ACCESS_INFO_DISCARDED", 43),
            entry("REQUESTED_CHAN_UNAVAIL", 44), entry("PRE_EMPTED", 45), entry("FACILITY_NOT_SUBSCRIBED", 50),
            entry("OUTGOING_CALL_BARRED", 52), entry("INCOMING_CALL_BARRED", 54), entry("BEARERCAPABILITY_NOTAUTH", 57),
            entry("BEARERCAPABILITY_NOTAVAIL", 58), entry("SERVICE_UNAVAILABLE", 63), entry("BEARERCAPABILITY_NOTIMPL", 65),
            entry("CHAN_NOT_IMPLEMENTED", 66), entry("FACILITY_NOT_IMPLEMENTED", 69), entry("SERVICE_NOT_IMPLEMENTED", 79),
            entry("INVALID_CALL_REFERENCE", 81), entry("INCOMPATIBLE_DESTINATION", 88), entry("INVALID_MSG_UNSPECIFIED", 95),
            entry("MANDATORY_IE_MISSING", 96), entry("MESSAGE_TYPE_NONEXIST", 97), entry("WRONG_MESSAGE", 98),
            entry("IE_NONEXIST", 99), entry("INVALID_IE_CONTENTS", 100), entry("WRONG_CALL_STATE", 101),
            entry("RECOVERY_ON_TIMER_EXPIRE", 102), entry("MANDATORY_IE_LENGTH_ERROR", 103), entry("PROTOCOL_ERROR", 111),
            entry("INTERWORKING", 127), entry("SUCCESS", 142), entry("ORIGINATOR_CANCEL", 487), entry("CRASH", 500),
            entry("SYSTEM_SHUTDOWN", 501), entry("LOSE_RACE", 502), entry("MANAGER_REQUEST", 503),
            entry("BLIND_TRANSFER", 600), entry("ATTENDED_TRANSFER", 601), entry("ALLOTTED_TIMEOUT", 602),
            entry("USER_CHALLENGE", 603), entry("MEDIA_TIMEOUT", 604), entry("PICKED_OFF", 605),
            entry("USER_NOT_REGISTERED", 606), entry("PROGRESS_TIMEOUT", 607), entry("INVALID_GATEWAY", 608),
            entry("GATEWAY_DOWN", 609), entry("INVALID_URL", 610), entry("INVALID_PROFILE", 611), entry("NO_PICKUP", 612),
            entry("SRTP_READ_ERROR", 613), entry("BOWOUT", 614), entry("BUSY_EVERYWHERE", 615), entry("DECLINE", 616),
            entry("DOES_NOT_EXIST_ANYWHERE", 617), entry("NOT_ACCEPTABLE", 618), entry("UNWANTED", 619),
            entry("NO_IDENTITY", 620), entry("BAD_IDENTITY_INFO", 621), entry("UNSUPPORTED_CERTIFICATE", 622),
            entry("INVALID_IDENTITY", 623), entry("STALE_DATE", 624),
            // Added in FreeSWITCH 1.10.10 (switch_types.h SWITCH_CAUSE_REJECT_ALL = 825, in the numbering FreeSWITCH
            // moved its own causes to in 1.10.8); above INTERWORKING, so its Q.850 cause is 16 like the others here.
            entry("REJECT_ALL", 825));

    private final String source;
    private final ZoneId zone;

    /** @param zone the switch's time zone, in which mod_cdr_csv writes its stamps */
    public FreeSwitchCdrCsvParser(String source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    @Override
    public int headerLines() {
        return 0;
    }

    @Override
    public LineParser open(String fileName, List<String> header) {
        return this::parseLine;
    }

    /** @throws IllegalArgumentException naming the column and what is wrong with it */
    public CdrRecord parseLine(String line) {
        List<Field> written = fields(line);
        if (written.size() != COLUMNS.length && written.size() != BUILT_IN_COLUMNS) {
            throw new IllegalArgumentException("expected 15 columns (caller_id_name ... write_codec, the example template) "
                    + "or 13 (caller_id_name ... accountcode, the built-in default template), got " + written.size());
        }
        List<String> f = written.stream().map(Field::text).toList();
        String accountcode = accountcode(f);
        for (int i = 0; i < written.size(); i++) {
            if (!written.get(i).quoted() && !(i == 12 && written.size() == BUILT_IN_COLUMNS)) {
                throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): '" + f.get(i)
                        + "' is not in quotes, as mod_cdr_csv writes every field");
            }
        }
        Instant start = time(f, 4, true);
        Instant answer = time(f, 5, false);
        Instant end = time(f, 6, true);
        long duration = seconds(f, 7);
        long billsec = seconds(f, 8);
        String cause = f.get(9).trim();
        Integer number = CAUSES.get(cause);
        if (number == null) {
            throw new IllegalArgumentException("column 10 (hangup_cause): '" + f.get(9) + "' is not a FreeSWITCH hangup cause");
        }
        String uuid = f.get(10).trim();
        if (uuid.isEmpty()) {
            throw new IllegalArgumentException("column 11 (uuid): empty");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("column 7 (end_stamp): " + f.get(6).trim() + " is before the start " + f.get(4).trim());
        }
        if (billsec > duration) {
            throw new IllegalArgumentException("column 9 (billsec): " + billsec + " s is more than the duration " + duration + " s");
        }
        boolean answered = billsec > 0 || answer != null;
        return new CdrRecord(source, uuid, f.get(1), f.get(2), start, answer, end, duration * 1000, billsec * 1000,
                disposition(answered, cause), null, q850(number), blankToNull(accountcode), uuid, blankToNull(f.get(11)),
                null, uuid);
    }

    /** A field as written: its text, and whether it was between quotes (the quotes are not part of the text). */
    record Field(String text, boolean quoted) {
    }

    /**
     * Splits one record as mod_cdr_csv writes it. A field that starts with a quote runs to the next quote followed by
     * a comma or the end of the record; the quotes between are the value's own (a doubled quote is two quotes, not
     * RFC 4180's one), and so are line breaks. A field that does not start with a quote runs to the next comma, its
     * quotes kept.
     *
     * @throws IllegalArgumentException for a quote that opens a field and is never closed
     */
    static List<Field> fields(String record) {
        List<Field> fields = new ArrayList<>();
        int at = 0;
        while (true) {
            if (at < record.length() && record.charAt(at) == '"') {
                int close = closingQuote(record, at + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("quote opened at character " + (at + 1) + " is never closed");
                }
                fields.add(new Field(record.substring(at + 1, close), true));
                at = close + 1;
            } else {
                int comma = record.indexOf(',', at);
                int end = comma < 0 ? record.length() : comma;
                fields.add(new Field(record.substring(at, end), false));
                at = end;
            }
            if (at >= record.length()) {
                return fields;
            }
            at++; // the comma
        }
    }

    /** The first quote from {@code from} on that a comma or the record's end follows, or -1. */
    private static int closingQuote(String record, int from) {
        for (int i = record.indexOf('"', from); i >= 0; i = record.indexOf('"', i + 1)) {
            if (i + 1 == record.length() || record.charAt(i + 1) == ',') {
                return i;
            }
        }
        return -1;
    }

    /** switch_channel.c {@code switch_channel_cause_q850}: causes above INTERWORKING (127) are FreeSWITCH's own. */
    static Integer q850(int cause) {
        if (cause == 0) {
            return null;
        }
        return cause <= 127 ? cause : 16;
    }

    static String disposition(boolean answered, String cause) {
        if (answered) {
            return "ANSWERED";
        }
        return switch (cause) {
            case "USER_BUSY", "BUSY_EVERYWHERE" -> "BUSY";
            case "NO_ANSWER", "NO_USER_RESPONSE", "ORIGINATOR_CANCEL" -> "NO_ANSWER";
            case "CALL_REJECTED", "DECLINE", "REJECT_ALL" -> "REJECTED";
            case "NORMAL_CIRCUIT_CONGESTION", "SWITCH_CONGESTION" -> "CONGESTION";
            default -> "FAILED";
        };
    }

    private Instant time(List<String> f, int i, boolean required) {
        String text = f.get(i).trim();
        if (text.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): empty");
            }
            return null;
        }
        try {
            return LocalDateTime.parse(text, TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): '" + text
                    + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static long seconds(List<String> f, int i) {
        String text = f.get(i).trim();
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): '" + text
                    + "' is not a whole number of seconds");
        }
        if (v < 0) {
            throw new IllegalArgumentException("column " + (i + 1) + " (" + COLUMNS[i] + "): negative " + v);
        }
        return v;
    }

    /**
     * The built-in template writes {@code , "${accountcode}"}: the quotes follow a space, so they are not the field's
     * quotes (RFC 4180) but part of its text, and are taken off here. A 13-column line whose last field is not
     * written so is not that template's (the vanilla {@code sql} template's {@code INSERT INTO cdr VALUES (...);}
     * has 13 columns too) and is set aside.
     */
    private static String accountcode(List<String> f) {
        String text = f.get(12);
        if (f.size() != BUILT_IN_COLUMNS) {
            return text;
        }
        if (text.length() < 3 || !text.startsWith(" \"") || !text.endsWith("\"")) {
            throw new IllegalArgumentException("column 13 (accountcode): '" + text + "' is not written as the built-in "
                    + "default template writes it (a space, then the value in quotes)");
        }
        return text.substring(2, text.length() - 1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
