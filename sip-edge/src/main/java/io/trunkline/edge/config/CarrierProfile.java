package io.trunkline.edge.config;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.E164Number;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one carrier wants its calls: number format in the Request-URI, To, From and P-Asserted-Identity,
 * the codecs it may be offered (SDP filtered to them), and headers to add. PBXs and carriers never see
 * each other's dialects: the PBX leg is rebuilt in the carrier's. Read from the edge's configuration:
 * {@code carrier.<id>.number-format} ({@code E164}, {@code E164_NO_PLUS}, {@code INTERNATIONAL_00},
 * {@code NATIONAL}), {@code carrier.<id>.codecs} (e.g. {@code PCMU,PCMA,telephone-event}),
 * {@code carrier.<id>.add-headers} ({@code Name: value|Name: value}), {@code carrier.<id>.dtmf} (a note:
 * RFC 4733 events or SIP INFO, for the operators), {@code carrier.<id>.max-channels} (calls at once on the
 * trunk across the cluster, 0 for no limit), {@code carrier.<id>.transport} ({@code udp}, {@code tcp} or
 * {@code tls}; by default what the route's URI says, else UDP).
 */
public record CarrierProfile(String numberFormat, Set<String> codecs, Map<String, String> addHeaders, String dtmf,
                             int maxChannels, String transport) {

    private static final Set<String> FORMATS = Set.of("E164", "E164_NO_PLUS", "INTERNATIONAL_00", "NATIONAL");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Numbers in E.164 with '+', every codec offered, nothing added. */
    public static final CarrierProfile DEFAULT = new CarrierProfile("E164", Set.of(), Map.of(), "rfc4733", 0, null);

    public CarrierProfile {
        if (!FORMATS.contains(numberFormat)) {
            throw new IllegalArgumentException("number format '" + numberFormat + "' is not one of " + new TreeSet<>(FORMATS));
        }
        codecs = Set.copyOf(codecs);
        addHeaders = Map.copyOf(addHeaders);
        if (transport != null && !Set.of("udp", "tcp", "tls").contains(transport)) {
            throw new IllegalArgumentException("transport '" + transport + "' is not udp, tcp or tls");
        }
    }

    /** Profiles of every carrier named in {@code carrier.<id>.*} keys. */
    public static Map<CarrierId, CarrierProfile> read(Properties p) {
        Map<CarrierId, CarrierProfile> out = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("carrier.") && key.indexOf('.', 8) > 8) {
                ids.add(key.substring(8, key.indexOf('.', 8)));
            }
        }
        for (String id : ids) {
            String prefix = "carrier." + id + ".";
            CarrierId carrier = PeerSettings.carrier(id, prefix + "*");
            Set<String> codecs = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String c : p.getProperty(prefix + "codecs", "").split(",")) {
                if (!c.isBlank()) {
                    codecs.add(c.trim());
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : p.getProperty(prefix + "add-headers", "").split("\\|")) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
                } else if (!h.isBlank()) {
                    throw new IllegalArgumentException(prefix + "add-headers: '" + h + "' is not 'Name: value'");
                }
            }
            int channels;
            try {
                channels = Integer.parseInt(p.getProperty(prefix + "max-channels", "0").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(prefix + "max-channels: not a number", e);
            }
            try {
                out.put(carrier, new CarrierProfile(p.getProperty(prefix + "number-format", "E164").trim().toUpperCase(Locale.ROOT),
                        codecs, headers, p.getProperty(prefix + "dtmf", "rfc4733").trim(), channels,
                        p.getProperty(prefix + "transport") == null ? null
                                : p.getProperty(prefix + "transport").trim().toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + (e.getMessage().startsWith("transport") ? "transport: "
                        : "number-format: ") + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * A number as written towards this carrier: an E.164 number in the carrier's format; what is not E.164
     * (a short code, an extension, "anonymous") stays as it is.
     */
    public String format(String number) {
        return E164Number.isE164(number) ? format(new E164Number(number)) : number;
    }

    /** An E.164 number in this carrier's format. */
    public String format(E164Number number) {
        switch (numberFormat) {
            case "E164_NO_PLUS":
                return number.digits();
            case "INTERNATIONAL_00":
                return "00" + number.digits();
            case "NATIONAL":
                try {
                    PhoneNumber n = PHONES.parse(number.value(), null);
                    return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replaceAll("[^0-9+]", "");
                } catch (NumberParseException e) {
                    return number.value();
                }
            default:
                return number.value();
        }
    }

    /**
     * The SDP offer with only the payload types of allowed codecs on each m= line (and their rtpmap/fmtp
     * lines); unchanged when the profile allows every codec. Static payload types without an rtpmap line
     * are known by their RFC 3551 names (0 PCMU, 8 PCMA, 9 G722, 18 G729).
     */
    public String filterSdp(String sdp) {
        if (codecs.isEmpty() || sdp == null) {
            return sdp;
        }
        String[] lines = sdp.split("\r\n|\n");
        Map<String, String> names = new LinkedHashMap<>(Map.of("0", "PCMU", "8", "PCMA", "9", "G722", "18", "G729"));
        for (String line : lines) {
            if (line.startsWith("a=rtpmap:")) {
                String[] parts = line.substring(9).split("[ /]");
                if (parts.length >= 2) {
                    names.put(parts[0], parts[1]);
                }
            }
        }
        Set<String> kept = new TreeSet<>();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("m=")) {
                String[] f = line.split(" ");
                List<String> keep = new ArrayList<>();
                for (int i = 3; i < f.length; i++) {
                    if (codecs.contains(names.getOrDefault(f[i], f[i]))) {
                        keep.add(f[i]);
                        kept.add(f[i]);
                    }
                }
                out.append(f[0]).append(' ').append(f[1]).append(' ').append(f[2]);
                keep.forEach(pt -> out.append(' ').append(pt));
                out.append("\r\n");
            } else if (line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:")) {
                String pt = line.substring(line.indexOf(':') + 1).split(" ")[0];
                if (kept.contains(pt)) {
                    out.append(line).append("\r\n");
                }
            } else {
                out.append(line).append("\r\n");
            }
        }
        return out.toString();
    }
}
