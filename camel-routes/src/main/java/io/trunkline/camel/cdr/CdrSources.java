package io.trunkline.camel.cdr;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the CDR sources from configuration, one block of keys per source:
 * <pre>
 * cdr.source.branch-asterisk.format=asterisk        # asterisk, freeswitch, cucm, teams, carrier-csv
 * cdr.source.branch-asterisk.pbx=branch-asterisk    # or .carrier=carrier-a
 * cdr.source.branch-asterisk.zone=America/Chicago   # default: the PBX's time zone, else UTC
 * cdr.source.branch-asterisk.inbox=/var/spool/cdr   # default: &lt;inbox root&gt;/&lt;id&gt;
 * cdr.source.branch-asterisk.sftp=sftp://cdr@10.0.2.10:22/var/log/asterisk/cdr-csv?password=...
 * cdr.source.carrier-a.columns=key:CallID,calling:ANI,called:DNIS,start:StartTime,duration:Seconds
 * </pre>
 * A carrier's CSV takes the keys of {@link CarrierCdrCsvParser.Mapping} under its own prefix.
 */
public final class CdrSources {

    public static final String PREFIX = "cdr.source.";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private CdrSources() {
    }

    /**
     * @param inboxRoot  the folder under which each source without its own inbox gets one named by its id
     * @param pbxZone    the time zone of a PBX by its id, or null when unknown
     * @throws IllegalArgumentException naming the key at fault
     */
    public static List<CdrSource> from(Properties p, Path inboxRoot, Function<String, ZoneId> pbxZone) {
        TreeSet<String> ids = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                ids.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        List<CdrSource> sources = new ArrayList<>();
        for (String id : ids) {
            sources.add(source(id, p, inboxRoot, pbxZone));
        }
        return sources;
    }

    private static CdrSource source(String id, Properties p, Path inboxRoot, Function<String, ZoneId> pbxZone) {
        String prefix = PREFIX + id + ".";
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(prefix + "*: source id '" + id + "' is not lower-case letters, digits and '-' (at most 40)");
        }
        String format = required(p, prefix + "format").toLowerCase(Locale.ROOT);
        String pbx = optional(p, prefix + "pbx");
        String carrier = optional(p, prefix + "carrier");
        if ((pbx == null) == (carrier == null)) {
            throw new IllegalArgumentException(prefix + "pbx / " + prefix + "carrier: name exactly one of them");
        }
        ZoneId zone;
        String zoneText = optional(p, prefix + "zone");
        try {
            ZoneId ofPbx = pbx == null ? null : pbxZone.apply(pbx);
            zone = zoneText != null ? ZoneId.of(zoneText) : ofPbx != null ? ofPbx : ZoneId.of("UTC");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(prefix + "zone: " + e.getMessage(), e);
        }
        Charset charset;
        try {
            charset = Charset.forName(p.getProperty(prefix + "charset", "UTF-8").trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(prefix + "charset: " + e.getMessage(), e);
        }
        if (!java.util.Arrays.equals("A,\n".getBytes(charset), new byte[]{'A', ',', '\n'})) {
            throw new IllegalArgumentException(prefix + "charset: " + charset.name() + " is not ASCII-compatible");
        }
        String country = p.getProperty(prefix + "country", "US").trim().toUpperCase(Locale.ROOT);
        String inbox = p.getProperty(prefix + "inbox", inboxRoot.resolve(id).toString()).trim();
        String sftp = optional(p, prefix + "sftp");
        if (sftp != null && !sftp.startsWith("sftp://")) {
            throw new IllegalArgumentException(prefix + "sftp: '" + sftp + "' is not an sftp:// URI");
        }
        CdrFormat parser = switch (format) {
            case "asterisk" -> new AsteriskCdrCsvParser(id, zone);
            case "freeswitch" -> new FreeSwitchCdrCsvParser(id, zone);
            case "cucm" -> new CucmCdrParser(id);
            case "teams" -> new TeamsCallRecordParser(id);
            case "carrier-csv" -> new CarrierCdrCsvParser(CarrierCdrCsvParser.Mapping.from(id, p, prefix));
            default -> throw new IllegalArgumentException(prefix + "format: '" + format
                    + "' is not asterisk, freeswitch, cucm, teams or carrier-csv");
        };
        return new CdrSource(id, format, parser, pbx, carrier, zone, country, charset, inbox, sftp);
    }

    private static String required(Properties p, String key) {
        String v = optional(p, key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        return v;
    }

    private static String optional(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
