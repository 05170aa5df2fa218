package io.trunkline.rules.classification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A normalized destination to classify: the number (E.164 with '+', or the digits of an extension or an
 * emergency short code), what the dial plan made of it, and for E.164 numbers the region and line type
 * the numbering plan gives it (ITU-T E.164 country, libphonenumber line type).
 */
public class Destination {

    /** Cells listing several values, split on commas and spaces (compiled once: rules call this per row and fact). */
    private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile("[,\\s]+");

    private final String siteCountry;
    private final String number;
    private final String numberType;
    private final String region;
    private final String lineType;
    private String callClass;
    private final List<String> trace = new ArrayList<>();

    /**
     * @param siteCountry ISO 3166 region of the calling site, e.g. {@code US}
     * @param number      E.164 ({@code +1...}), extension or short code
     * @param numberType  what the dial plan decided: {@code E164}, {@code EXTENSION} or {@code EMERGENCY}
     * @param region      ISO region of an E.164 number ({@code CA} for +1 416...), null otherwise
     * @param lineType    numbering-plan line type ({@code MOBILE}, {@code FIXED_LINE}, {@code TOLL_FREE}...), or null
     */
    public Destination(String siteCountry, String number, String numberType, String region, String lineType) {
        this.siteCountry = siteCountry;
        this.number = number;
        this.numberType = numberType;
        this.region = region;
        this.lineType = lineType;
    }

    /** True when the number starts with any of the space- or comma-separated prefixes. */
    public boolean startsWithAny(String prefixes) {
        for (String p : LIST.split(prefixes)) {
            if (!p.isEmpty() && number.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when the site is in one of the space- or comma-separated countries. */
    public boolean siteIn(String countries) {
        for (String c : LIST.split(countries)) {
            if (c.equalsIgnoreCase(siteCountry)) {
                return true;
            }
        }
        return false;
    }

    public boolean isDomestic() {
        return region != null && region.equalsIgnoreCase(siteCountry);
    }

    public void classify(String rule, String cls) {
        this.callClass = cls;
        trace.add(rule + ": " + number + " is " + cls);
    }

    public String getSiteCountry() {
        return siteCountry;
    }

    public String getNumber() {
        return number;
    }

    public String getNumberType() {
        return numberType;
    }

    public String getRegion() {
        return region;
    }

    public String getLineType() {
        return lineType;
    }

    public String getCallClass() {
        return callClass;
    }

    public List<String> getTrace() {
        return Collections.unmodifiableList(trace);
    }
}
