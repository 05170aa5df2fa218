package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.camel.support.CsvLine;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cisco Unified CM flat files, as the "Call Detail Records Administration Guide" (Call Reporting and Billing
 * Administration Guide) describes them: line 1 the field names, line 2 their types ({@code INTEGER},
 * {@code VARCHAR(50)}, {@code UNIQUEIDENTIFIER}), then one record a line, strings in double quotes. The same class
 * reads both kinds of file and tells them apart by the header row: a CDR file ({@code cdr_<cluster>_<node>_...})
 * has {@code origCause_value}, a CMR file ({@code cmr_...}) has {@code numberPacketsLost} or {@code varVQMetrics}.
 * Columns are found by name, whatever their case (releases add columns and respell a few); a file without a
 * column this class needs is refused naming it.
 * <p>
 * A CDR gives a {@link CdrRecord}: times are epoch seconds UTC, {@code dateTimeConnect} 0 for a call that never
 * connected; {@code duration} is the connected time in seconds (the billable time), and the record's duration
 * runs from origination to disconnect. The called number is {@code finalCalledPartyNumber}, or
 * {@code originalCalledPartyNumber} when the final one is empty. The call key is the global call id
 * {@code <callManagerId>-<callId>}, which every CDR and CMR of one call share. The record key is
 * {@code <callManagerId>-<callId>-<origLegCallIdentifier>-<destLegIdentifier>}: one call can have several CDRs
 * with the same originating leg, each to another destination leg (the guide's "CDR Examples": Auto Pickup and
 * Call Pickup write one CDR for the leg that rang the first phone, cleared on behalf of the pickup, and one for
 * the leg to the phone that picked the call up, both with the caller's leg), and the pair of legs tells them
 * apart. {@code destLegIdentifier} stays 0 when the destination could not be reached. Channel and peer channel
 * are the dotted originating and destination addresses: {@code origIpAddr}/{@code destIpAddr} are IPv4 addresses
 * written as signed 32-bit integers of the address in little-endian byte order (the guide's example: -1139627840 is
 * 192.168.18.188), 0 when unknown; then {@code origIpv4v6Addr}/{@code destIpv4v6Addr}, in files that have them,
 * give the address as text (IPv6 included). The trunk is {@code destDeviceName} (the gateway or SIP trunk of an outbound call), the account
 * the client matter code when the file has one.
 * <p>
 * The guide: "When the originating party clears the call, the OrigCause gets populated. When the terminating party
 * clears the call, or the call is rejected, the DestCause gets populated"; 0 means unpopulated, and values above
 * 127 are Cisco's own (393216 call split, 262144 conference drop), not Q.850. The Q.850 cause kept is therefore
 * the one that says why the call ended: {@code destCause_value} if it is a Q.850 cause other than 16 (normal
 * clearing), else {@code origCause_value} on the same terms, else 16 if either side cleared normally, else none.
 * The disposition is ANSWERED for a connected call; for one that never connected it follows that cause: 17 BUSY,
 * 18 and 19 NO_ANSWER, 21 REJECTED, 34 and 42 CONGESTION, 16 NO_ANSWER (the caller hung up before the answer,
 * the guide's abandoned call), anything else FAILED.
 * <p>
 * A CMR gives a {@link QualityRecord} of the leg {@code deviceName} measured: jitter and latency in ms as
 * written, loss as {@code numberPacketsLost / (numberPacketsReceived + numberPacketsLost)} in percent (none when
 * the leg received nothing), and the MOS as the {@code MLQK} value of {@code varVQMetrics}
 * ({@code MLQK=4.5000;MLQKav=4.4000;...}) when present. Its call key is the global call id, its record key
 * {@code <callManagerId>-<callId>-<callIdentifier>-<pkid>}: the leg alone does not tell a leg's CMRs apart (the
 * guide's "CMR Processing": an SCCP phone writes one CMR each time the call is put on hold, all with the same
 * global call id and leg), while {@code pkid} is the row's own identifier (a GUID), the same in every copy of the
 * file.
 */
public final class CucmCdrParser implements CdrFormat {

    /** A column type of the second header row: INTEGER, UNIQUEIDENTIFIER, VARCHAR(50). */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z]+(\\(\\d+\\))?");

    private final String source;

    public CucmCdrParser(String source) {
        this.source = source;
    }

    /** The field names, then their types. */
    @Override
    public int headerLines() {
        return 2;
    }

    @Override
    public LineParser open(String fileName, List<String> header) {
        if (header.size() < 2) {
            throw new UnreadableFileException("CUCM file: expected a row of field names and a row of their types, got "
                    + header.size() + " header rows");
        }
        HeaderRow probe = new HeaderRow("CUCM", header.get(0));
        List<String> types;
        try {
            types = CsvLine.split(header.get(1));
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException("CUCM type row: " + e.getMessage());
        }
        if (types.size() != probe.size()) {
            throw new UnreadableFileException("CUCM type row has " + types.size() + " columns, the header row " + probe.size());
        }
        for (int i = 0; i < types.size(); i++) {
            if (!TYPE.matcher(types.get(i).trim()).matches()) {
                throw new UnreadableFileException("CUCM type row: column " + (i + 1) + " holds '" + types.get(i)
                        + "', not a data type such as INTEGER or VARCHAR(50)");
            }
        }
        if (probe.has("origCause_value")) {
            return new CdrLines(new HeaderRow("CUCM CDR", header.get(0)))::parse;
        }
        if (probe.has("numberPacketsLost") || probe.has("varVQMetrics")) {
            return new CmrLines(new HeaderRow("CUCM CMR", header.get(0)))::parse;
        }
        throw new UnreadableFileException("header row is neither a CUCM CDR's (no origCause_value) nor a CMR's "
                + "(no numberPacketsLost or varVQMetrics)");
    }

    /** The dotted form of an address CUCM writes as a signed 32-bit integer, its first octet in the low byte. */
    static String ipv4(int value) {
        return (value & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 24 & 0xFF);
    }

    /** The cause kept of the two a CDR carries; see the class comment. */
    static Integer q850(long orig, long dest) {
        if (isQ850(dest) && dest != 16) {
            return (int) dest;
        }
        if (isQ850(orig) && orig != 16) {
            return (int) orig;
        }
        return orig == 16 || dest == 16 ? 16 : null;
    }

    static String disposition(boolean connected, Integer cause) {
        if (connected) {
            return "ANSWERED";
        }
        if (cause == null) {
            return "FAILED";
        }
        return switch (cause) {
            case 17 -> "BUSY";
            case 16, 18, 19 -> "NO_ANSWER";
            case 21 -> "REJECTED";
            case 34, 42 -> "CONGESTION";
            default -> "FAILED";
        };
    }

    private static boolean isQ850(long cause) {
        return cause >= 1 && cause <= 127;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A non-negative whole number from a column, or a reason naming the column. */
    private static long whole(HeaderRow h, List<String> f, int at, String what) {
        String text = f.get(at).trim();
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, as a negative value is
        }
        throw new IllegalArgumentException(h.column(at) + ": '" + text + "' is not " + what);
    }

    private final class CdrLines {
        private final HeaderRow h;
        private final int callManagerId;
        private final int callId;
        private final int origLeg;
        private final int destLeg;
        private final int origination;
        private final int connect;
        private final int disconnect;
        private final int duration;
        private final int calling;
        private final int originalCalled;
        private final int finalCalled;
        private final int origCause;
        private final int destCause;
        private final int origIp;
        private final int destIp;
        private final int origIpText;
        private final int destIpText;
        private final int destDevice;
        private final int clientMatter;

        CdrLines(HeaderRow h) {
            this.h = h;
            callManagerId = h.require("globalCallID_callManagerId");
            callId = h.require("globalCallID_callId");
            origLeg = h.require("origLegCallIdentifier");
            // The field list spells it destLegIdentifier, the guide's example tables destLegCallIdentifier.
            destLeg = h.require("destLegIdentifier", "destLegCallIdentifier");
            origination = h.require("dateTimeOrigination");
            connect = h.require("dateTimeConnect");
            disconnect = h.require("dateTimeDisconnect");
            duration = h.require("duration");
            calling = h.require("callingPartyNumber");
            originalCalled = h.require("originalCalledPartyNumber");
            finalCalled = h.require("finalCalledPartyNumber");
            origCause = h.require("origCause_value");
            destCause = h.require("destCause_value");
            origIp = h.require("origIpAddr");
            destIp = h.require("destIpAddr");
            destDevice = h.require("destDeviceName");
            origIpText = h.find("origIpv4v6Addr");
            destIpText = h.find("destIpv4v6Addr");
            clientMatter = h.find("clientMatterCode");
        }

        CdrRecord parse(String line) {
            List<String> f = h.fields(line);
            long cm = whole(h, f, callManagerId, "a whole number");
            long call = whole(h, f, callId, "a whole number");
            long leg = whole(h, f, origLeg, "a whole number");
            long toLeg = whole(h, f, destLeg, "a whole number");
            long originated = whole(h, f, origination, "a time in epoch seconds");
            if (originated == 0) {
                throw new IllegalArgumentException(h.column(origination) + ": '0' is not a time in epoch seconds");
            }
            long connected = whole(h, f, connect, "a time in epoch seconds");
            long disconnected = whole(h, f, disconnect, "a time in epoch seconds");
            long seconds = whole(h, f, duration, "a whole number of seconds");
            if (disconnected < originated) {
                throw new IllegalArgumentException(h.column(disconnect) + ": " + disconnected + " is before the origination "
                        + originated);
            }
            if (connected != 0 && (connected < originated || connected > disconnected)) {
                throw new IllegalArgumentException(h.column(connect) + ": " + connected + " is not between the origination "
                        + originated + " and the disconnect " + disconnected);
            }
            Integer cause = q850(whole(h, f, origCause, "a cause code"), whole(h, f, destCause, "a cause code"));
            String called = f.get(finalCalled).isBlank() ? f.get(originalCalled) : f.get(finalCalled);
            String key = cm + "-" + call;
            Instant start = Instant.ofEpochSecond(originated);
            Instant end = Instant.ofEpochSecond(disconnected);
            return new CdrRecord(source, key + "-" + leg + "-" + toLeg, f.get(calling), called, start,
                    connected == 0 ? null : Instant.ofEpochSecond(connected), end, (disconnected - originated) * 1000,
                    seconds * 1000, disposition(connected != 0, cause), null, cause,
                    clientMatter < 0 ? null : blankToNull(f.get(clientMatter)), address(f, origIp, origIpText),
                    address(f, destIp, destIpText), blankToNull(f.get(destDevice)), key);
        }

        private String address(List<String> f, int integer, int text) {
            String written = f.get(integer).trim();
            int value;
            try {
                value = Integer.parseInt(written);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(h.column(integer) + ": '" + written + "' is not a signed 32-bit IPv4 address");
            }
            if (value != 0) {
                return ipv4(value);
            }
            return text < 0 ? null : blankToNull(f.get(text).trim());
        }
    }

    private final class CmrLines {
        private final HeaderRow h;
        private final int callManagerId;
        private final int callId;
        private final int callIdentifier;
        private final int pkid;
        private final int device;
        private final int sent;
        private final int received;
        private final int lost;
        private final int jitter;
        private final int latency;
        private final int metrics;

        CmrLines(HeaderRow h) {
            this.h = h;
            callManagerId = h.require("globalCallID_callManagerId");
            callId = h.require("globalCallID_callId");
            callIdentifier = h.require("callIdentifier");
            pkid = h.require("pkid");
            device = h.require("deviceName");
            sent = h.require("numberPacketsSent");
            received = h.require("numberPacketsReceived");
            lost = h.require("numberPacketsLost");
            jitter = h.require("jitter");
            latency = h.require("latency");
            // Written since CUCM 6 (Cisco Voice Quality Metrics); older files have loss and jitter only.
            metrics = h.find("varVQMetrics");
        }

        QualityRecord parse(String line) {
            List<String> f = h.fields(line);
            long cm = whole(h, f, callManagerId, "a whole number");
            long call = whole(h, f, callId, "a whole number");
            long leg = whole(h, f, callIdentifier, "a whole number");
            String row = f.get(pkid).trim();
            if (row.isEmpty()) {
                throw new IllegalArgumentException(h.column(pkid) + ": empty");
            }
            whole(h, f, sent, "a number of packets");
            long in = whole(h, f, received, "a number of packets");
            long missing = lostPackets(f);
            double jitterMs = whole(h, f, jitter, "a whole number of milliseconds");
            double latencyMs = whole(h, f, latency, "a whole number of milliseconds");
            Double loss = in + missing == 0 ? null : missing * 100.0 / (in + missing);
            String key = cm + "-" + call;
            return new QualityRecord(source, key + "-" + leg + "-" + row, key, blankToNull(f.get(device)), jitterMs,
                    latencyMs, loss, mos(f));
        }

        /** RFC 3550 §6.4.1: the cumulative loss goes negative when duplicates outnumber losses; that is no loss. */
        private long lostPackets(List<String> f) {
            String text = f.get(lost).trim();
            try {
                return Math.max(0, Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(h.column(lost) + ": '" + text + "' is not a number of packets");
            }
        }

        /**
         * MLQK, the listening-quality MOS the endpoint estimated (scale 1 to 5, ITU-T P.800); an endpoint that
         * heard too little speech to estimate writes 0.0000, which is no score.
         */
        private Double mos(List<String> f) {
            if (metrics < 0) {
                return null;
            }
            for (String pair : f.get(metrics).split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !pair.substring(0, eq).trim().equals("MLQK")) {
                    continue;
                }
                String text = pair.substring(eq + 1).trim();
                double mos;
                try {
                    mos = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(h.column(metrics) + ": MLQK '" + text + "' is not a number");
                }
                if (mos == 0) {
                    return null;
                }
                if (!(mos >= 1 && mos <= 5)) {
                    throw new IllegalArgumentException(h.column(metrics) + ": MLQK " + text + " is not a MOS from 1 to 5");
                }
                return mos;
            }
            return null;
        }
    }
}
