package io.trunkline.rules.fraud;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.rules.routing.TimeWindow;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which rows of the analysts' FraudPolicy table apply to one call: asked with the calling PBX, the extension as
 * the PBX sent it, the destination's class and number and the site's local time. Rows are taken in order; a row
 * is either a restriction (no counter: the call matching it gets the row's action) or a velocity row (a counter
 * of the row's scope over the calls matching it, judged against a warning and a critical level by the platform,
 * which holds the counters). An {@code ALLOW} restriction row ends the table for the call: the rows below it do
 * not apply. The rulebook only matches; counting and judging happen outside it, so the same rows can be judged
 * against counters kept anywhere.
 */
public class FraudCheck {

    /** What a row does when it holds: at its critical level, or for a restriction when the call matches it. */
    public enum Action { ALLOW, ALERT, BLOCK, BLOCK_SOURCE }

    /** Whose calls a velocity row counts, or what a BLOCK_SOURCE restriction blocks. */
    public enum Scope { EXTENSION, PBX, PREFIX }

    /** What a velocity row counts over its window. */
    public enum Counter {
        /** Calls in the last 60 s. */
        CALLS_PER_MINUTE,
        /** Calls decided and not ended yet. */
        CONCURRENT_CALLS,
        /** Distinct destination numbers in the last hour. */
        DISTINCT_DESTINATIONS_PER_HOUR,
        /** Per cent of the answered calls of the last hour shorter than the platform's short-call limit. */
        SHORT_CALL_RATIO,
        /** Rated cost of the calls ended in the last hour, in the carriers' currency. */
        SPEND_PER_HOUR
    }

    /**
     * One row that applies to the call.
     *
     * @param rule        the row's rule name ({@code FraudPolicy_<spreadsheet row>})
     * @param counter     null for a restriction
     * @param filter      what the row counts over: its class and destination cells, so rows with the same cells
     *                    share one counter per subject
     * @param prefix      the row's destination prefix the call matched, null when the row names none
     * @param minCalls    for a ratio, the answered calls below which it is not judged
     * @param warning     level at which the row alerts, null for none
     * @param critical    level at which the row takes its action, null for none (a restriction needs none)
     * @param blockFor    how long a BLOCK_SOURCE lasts, e.g. {@code 15m}; null for a BLOCK
     */
    public record Row(String rule, Scope scope, Counter counter, String filter, String prefix, Integer minCalls,
                      BigDecimal warning, BigDecimal critical, String blockFor, Action action) {
    }

    /**
     * A row as its cells say it, before any call is matched against it. The rows that apply to a PBX are the same
     * for every call of a rulebook version (the PBX is the table's only condition), so the platform collects them
     * once per PBX and version ({@link #collecting}) and matches each call against them ({@link #applying}), which
     * is what {@link #row} does for a fact fired through the rulebook.
     */
    public record RowSpec(String rule, String classes, String prefixes, TimeWindow allowedHours, Scope scope,
                          Counter counter, Integer minCalls, BigDecimal warning, BigDecimal critical, String blockFor,
                          Action action, List<String> classList, List<String> prefixList) {

        public RowSpec {
            classList = List.copyOf(classList);
            prefixList = List.copyOf(prefixList);
        }
    }

    private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile("[,\\s]+");

    /** The values of a list cell, split once when the row is taken, not per call. */
    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String v : LIST.split(cell)) {
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    private final PbxId pbx;
    private final String extension;
    private final String callClass;
    private final String destination;
    private final LocalTime localTime;
    private final DayOfWeek day;

    private String classCells = "";
    private String prefixCells = "";
    private TimeWindow allowedHours;
    private Scope scope;
    private Counter counter;
    private Integer minCalls;
    private BigDecimal warning;
    private BigDecimal critical;
    private String blockFor;
    private String allowedBy;
    private final List<Row> rows = new ArrayList<>();
    private final boolean collecting;
    private final List<RowSpec> specs = new ArrayList<>();

    public FraudCheck(PbxId pbx, String extension, String callClass, String destination, LocalTime localTime,
                      DayOfWeek day) {
        this(pbx, extension, callClass, destination, localTime, day, false);
    }

    private FraudCheck(PbxId pbx, String extension, String callClass, String destination, LocalTime localTime,
                       DayOfWeek day, boolean collecting) {
        this.collecting = collecting;
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.extension = extension == null ? "" : extension;
        this.callClass = callClass == null ? "" : callClass;
        this.destination = destination == null ? "" : destination;
        this.localTime = Objects.requireNonNull(localTime, "localTime");
        this.day = Objects.requireNonNull(day, "day");
    }

    /** A fact that, fired through the rulebook, collects the rows that apply to the PBX's calls ({@link #getSpecs}). */
    public static FraudCheck collecting(PbxId pbx) {
        return new FraudCheck(pbx, "", "", "", LocalTime.MIDNIGHT, DayOfWeek.MONDAY, true);
    }

    /** The rows of {@code specs} (collected for the PBX) that apply to one call, as firing the rulebook would take them. */
    public static FraudCheck applying(List<RowSpec> specs, PbxId pbx, String extension, String callClass,
                                      String destination, LocalTime localTime, DayOfWeek day) {
        FraudCheck check = new FraudCheck(pbx, extension, callClass, destination, localTime, day, false);
        for (RowSpec spec : specs) {
            check.take(spec);
        }
        return check;
    }

    /** True when the calling PBX is one of the space- or comma-separated ids ({@code *} for any). */
    public boolean pbxIn(String pbxs) {
        for (String p : LIST.split(pbxs)) {
            if (p.equals("*") || p.equals(pbx.value())) {
                return true;
            }
        }
        return false;
    }

    /** The row's classes, space-separated ({@code *} or blank for any). */
    public void setClasses(String value) {
        classCells = value.trim();
    }

    /** The row's destination prefixes, space-separated (blank for any). */
    public void setPrefixes(String value) {
        prefixCells = value.trim();
    }

    /** The hours the row allows, site local time, e.g. {@code 07:00-20:00 Mon-Fri}: the row applies outside them. */
    public void setAllowedHours(String value) {
        allowedHours = TimeWindow.parse(value);
    }

    public void setScope(String value) {
        scope = Scope.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public void setCounter(String value) {
        counter = Counter.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public void setMinCalls(int value) {
        minCalls = value;
    }

    public void setWarning(String value) {
        warning = new BigDecimal(value.trim());
    }

    public void setCritical(String value) {
        critical = new BigDecimal(value.trim());
    }

    public void setBlockFor(String value) {
        blockFor = value.trim();
    }

    /**
     * The row's last column: when the call matches the row's class, destination and hours cells, takes the row with
     * what its cells set; then clears them for the next row. Matching happens here, in the row's own consequence,
     * not in its conditions: a condition's side effects would mix rows. Rows below an ALLOW restriction no longer
     * apply.
     */
    public void row(String rule, String action) {
        RowSpec spec = new RowSpec(rule, classCells, prefixCells, allowedHours, scope, counter, minCalls, warning, critical,
                blockFor, Action.valueOf(action.trim().toUpperCase(Locale.ROOT)), split(classCells), split(prefixCells));
        classCells = "";
        prefixCells = "";
        allowedHours = null;
        scope = null;
        counter = null;
        minCalls = null;
        warning = null;
        critical = null;
        blockFor = null;
        if (collecting) {
            specs.add(spec);
        } else {
            take(spec);
        }
    }

    private void take(RowSpec spec) {
        String prefix = matchingPrefix(spec.prefixList());
        boolean matches = classMatches(spec.classList()) && (spec.prefixList().isEmpty() || prefix != null)
                && (spec.allowedHours() == null || !spec.allowedHours().contains(day, localTime));
        if (matches && allowedBy == null) {
            String filter = (spec.classes().isEmpty() ? "*" : spec.classes()) + "|"
                    + (spec.prefixes().isEmpty() ? "*" : spec.prefixes());
            rows.add(new Row(spec.rule(), spec.scope() == null ? Scope.EXTENSION : spec.scope(), spec.counter(), filter,
                    prefix, spec.minCalls(), spec.warning(), spec.critical(), spec.blockFor(), spec.action()));
            if (spec.action() == Action.ALLOW && spec.counter() == null) {
                allowedBy = spec.rule();
            }
        }
    }

    private boolean classMatches(List<String> classes) {
        if (classes.isEmpty()) {
            return true;
        }
        for (String c : classes) {
            if (c.equals("*") || c.equalsIgnoreCase(callClass)) {
                return true;
            }
        }
        return false;
    }

    /** The longest of the row's prefixes the destination starts with, or null. */
    private String matchingPrefix(List<String> prefixes) {
        String best = null;
        for (String p : prefixes) {
            if (!p.isEmpty() && destination.startsWith(p) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    /** The calling PBX's id as text, as the table's PBX column names it. */
    public String getPbx() {
        return pbx.value();
    }

    public PbxId getPbxId() {
        return pbx;
    }

    public String getExtension() {
        return extension;
    }

    public String getCallClass() {
        return callClass;
    }

    public String getDestination() {
        return destination;
    }

    public LocalTime getLocalTime() {
        return localTime;
    }

    public DayOfWeek getDay() {
        return day;
    }

    /** The rows that apply, in table order. */
    public List<Row> getRows() {
        return Collections.unmodifiableList(rows);
    }

    /** The rows collected by a {@link #collecting} fact, in table order. */
    public List<RowSpec> getSpecs() {
        return Collections.unmodifiableList(specs);
    }

    /** The ALLOW row that ended the table for this call, or null. */
    public String getAllowedBy() {
        return allowedBy;
    }
}
