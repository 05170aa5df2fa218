package io.trunkline.rules.attestation;

import io.trunkline.contract.telecom.Attestation;
import io.trunkline.contract.telecom.PbxId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which attestation an outbound call gets (ATIS-1000074 §5.2.3) and whether the enterprise signs it: asked with the
 * calling PBX, the destination's class, where the calling number stands in the enterprise's DID inventory, whether
 * the call is a forwarded one (the number is the original caller's) and what kind of source the PBX is; answered by
 * the first matching row of the analysts' Attestation table, or by {@code AttestationFallback.drl} (gateway
 * attestation C, signed) when no row matches, so every call has one.
 */
public class AttestationQuery {

    /** Where the calling number stands in the enterprise's DID inventory. */
    public enum Standing {
        /** A DID of the enterprise assigned to the calling PBX. */
        ASSIGNED_TO_PBX,
        /** A DID of the enterprise, assigned to another of its PBXs. */
        HELD_ELSEWHERE,
        /** Not a DID of the enterprise. */
        NOT_HELD,
        /** The call has no usable calling number. */
        NONE
    }

    /** What kind of source the calling PBX is (master data). */
    public enum Origin {
        /** A PBX of the enterprise whose users the enterprise knows. */
        PBX,
        /** A gateway: an analogue/ISDN line or an SBC in front of callers the enterprise does not know. */
        GATEWAY,
        /** A transit peer: calls from another network handed through the enterprise. */
        TRANSIT
    }

    private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile("[,\\s]+");

    private final PbxId pbx;
    private final String callClass;
    private final Standing standing;
    private final boolean forwarded;
    private final Origin origin;

    private boolean sign = true;
    private Attestation level;
    private String decidedBy;
    private final List<String> trace = new ArrayList<>();

    public AttestationQuery(PbxId pbx, String callClass, Standing standing, boolean forwarded, Origin origin) {
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.callClass = callClass;
        this.standing = Objects.requireNonNull(standing, "standing");
        this.forwarded = forwarded;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    private static boolean listed(String cell, String value) {
        for (String item : LIST.split(cell.trim())) {
            if (item.equals("*") || item.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** True when the calling PBX is one of the space- or comma-separated ids ({@code *} for any). */
    public boolean pbxIn(String pbxs) {
        return listed(pbxs, pbx.value());
    }

    /** True when the call's class is one of the listed classes ({@code *} for any). */
    public boolean classIn(String classes) {
        return callClass != null && listed(classes, callClass);
    }

    /** True when the calling number's standing is one of the listed ones. */
    public boolean numberIn(String standings) {
        return listed(standings, standing.name());
    }

    /** True when the cell ({@code yes} or {@code no}) says what the call is. */
    public boolean forwardedIs(String yesNo) {
        return forwarded == "yes".equalsIgnoreCase(yesNo.trim());
    }

    /** True when the PBX's origin is one of the listed ones. */
    public boolean originIn(String origins) {
        return listed(origins, origin.name());
    }

    /** The row's Sign cell: {@code yes} or {@code no}. */
    public void setSign(String yesNo) {
        this.sign = !"no".equalsIgnoreCase(yesNo.trim());
    }

    /** Takes the row: its attestation level, and the sign flag its Sign cell set. */
    public void attest(String rule, String attestation) {
        this.level = Attestation.of(attestation);
        this.decidedBy = rule;
        trace.add(rule + ": attestation " + level + (sign ? ", signed" : ", not signed") + " (number "
                + standing.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (forwarded ? ", forwarded" : "")
                + ", origin " + origin + ")");
    }

    public String getPbx() {
        return pbx.value();
    }

    public String getCallClass() {
        return callClass;
    }

    public Standing getStanding() {
        return standing;
    }

    public boolean isForwarded() {
        return forwarded;
    }

    public Origin getOrigin() {
        return origin;
    }

    public boolean isSign() {
        return sign;
    }

    public Attestation getLevel() {
        return level;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public List<String> getTrace() {
        return Collections.unmodifiableList(trace);
    }
}
