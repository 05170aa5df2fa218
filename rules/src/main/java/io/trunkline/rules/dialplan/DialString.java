package io.trunkline.rules.dialplan;

import io.trunkline.contract.telecom.PbxId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A number as a user dialed it on a PBX, and what the dial plan made of it. The decision table sets
 * how many leading digits to strip and what to prepend, then {@link #decide} fixes the result.
 */
public class DialString {

    private final PbxId pbx;
    private final String digits;
    private int strip;
    private String prepend = "";
    private String targetPbx;
    private String result;
    private String resultType;
    private String rejection;
    private final List<String> trace = new ArrayList<>();

    /** @param digits what the user dialed, as the PBX sent it (keypad characters; the dial plan reads them) */
    public DialString(PbxId pbx, String digits) {
        this.pbx = java.util.Objects.requireNonNull(pbx, "pbx");
        this.digits = digits;
    }

    /** The calling PBX's id as text: the dial-plan table compares it with its PBX column ({@code pbx == "$param"}). */
    public String getPbx() {
        return pbx.value();
    }

    public PbxId getPbxId() {
        return pbx;
    }

    public String getDigits() {
        return digits;
    }

    /** True when the dialed digits match a dial pattern such as {@code 9NXXNXXXXXX}; see {@link DialPattern}. */
    public boolean dialed(String pattern) {
        return DialPattern.matches(pattern, digits);
    }

    public int getStrip() {
        return strip;
    }

    public void setStrip(int strip) {
        this.strip = strip;
    }

    public String getPrepend() {
        return prepend;
    }

    public void setPrepend(String prepend) {
        this.prepend = prepend == null ? "" : prepend;
    }

    /** For extensions: the PBX that owns the extension, when it is not the calling one (inter-PBX prefix dialing). */
    public String getTargetPbx() {
        return targetPbx == null ? pbx.value() : targetPbx;
    }

    /**
     * The target PBX as an id.
     *
     * @throws IllegalArgumentException the table's Target PBX cell is not a PBX id
     */
    public PbxId getTargetPbxId() {
        return targetPbx == null ? pbx : new PbxId(targetPbx);
    }

    public void setTargetPbx(String targetPbx) {
        this.targetPbx = targetPbx == null || targetPbx.isBlank() ? null : targetPbx.trim();
    }

    /** Applies strip and prepend, records the type and which rule decided. */
    public void decide(String rule, String type) {
        if (strip > digits.length()) {
            reject(rule, "strip " + strip + " is longer than the dialed " + digits.length() + " digits");
            return;
        }
        this.result = prepend + digits.substring(strip);
        this.resultType = type;
        trace.add(rule + ": strip " + strip + ", prepend '" + prepend + "' -> " + result + " (" + type + ")"
                + (targetPbx != null ? " on PBX " + targetPbx : ""));
    }

    public void reject(String rule, String reason) {
        this.rejection = reason;
        trace.add(rule + ": rejected, " + reason);
    }

    public String getResult() {
        return result;
    }

    public String getResultType() {
        return resultType;
    }

    public String getRejection() {
        return rejection;
    }

    public boolean isDecided() {
        return result != null || rejection != null;
    }

    public List<String> getTrace() {
        return Collections.unmodifiableList(trace);
    }
}
