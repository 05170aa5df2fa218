package io.trunkline.ejb.fraud.api;

import io.trunkline.contract.telecom.PbxId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose calls a fraud counter counts or a block holds back: one extension of a PBX, a whole PBX, or the calls to
 * one destination prefix. Written {@code ext:<pbx>/<extension>}, {@code pbx:<pbx>} or {@code prefix:<prefix>} in
 * the cluster's maps and the audit trail.
 */
public record FraudSubject(Kind kind, PbxId pbx, String extension, String prefix) {

    public enum Kind { EXTENSION, PBX, PREFIX }

    /** What a PBX sends as the calling user: digits, letters and the few marks SIP user parts carry. */
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9+*#._-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,16}|\\*");

    public FraudSubject {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case EXTENSION -> {
                Objects.requireNonNull(pbx, "pbx");
                if (extension == null || !EXTENSION.matcher(extension).matches()) {
                    throw new IllegalArgumentException("extension must be 1-64 of A-Z a-z 0-9 + * # . _ -, got '"
                            + extension + "'");
                }
                prefix = null;
            }
            case PBX -> {
                Objects.requireNonNull(pbx, "pbx");
                extension = null;
                prefix = null;
            }
            case PREFIX -> {
                if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                    throw new IllegalArgumentException("prefix must be digits with an optional leading +, got '"
                            + prefix + "'");
                }
                pbx = null;
                extension = null;
            }
            default -> throw new IllegalArgumentException(String.valueOf(kind));
        }
    }

    public static FraudSubject extension(PbxId pbx, String extension) {
        return new FraudSubject(Kind.EXTENSION, pbx, extension, null);
    }

    public static FraudSubject pbx(PbxId pbx) {
        return new FraudSubject(Kind.PBX, pbx, null, null);
    }

    public static FraudSubject prefix(String prefix) {
        return new FraudSubject(Kind.PREFIX, null, null, prefix);
    }

    /** The subject as its key text. */
    public String key() {
        return switch (kind) {
            case EXTENSION -> "ext:" + pbx.value() + "/" + extension;
            case PBX -> "pbx:" + pbx.value();
            case PREFIX -> "prefix:" + prefix;
        };
    }

    /** @throws IllegalArgumentException for text that is not a subject's key */
    public static FraudSubject parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("subject is required");
        }
        if (key.startsWith("ext:") && key.indexOf('/') > 4) {
            int slash = key.indexOf('/');
            return extension(new PbxId(key.substring(4, slash)), key.substring(slash + 1));
        }
        if (key.startsWith("pbx:")) {
            return pbx(new PbxId(key.substring(4)));
        }
        if (key.startsWith("prefix:")) {
            return prefix(key.substring(7));
        }
        throw new IllegalArgumentException("subject must be ext:<pbx>/<extension>, pbx:<pbx> or prefix:<prefix>, got '"
                + key + "'");
    }

    @Override
    public String toString() {
        return key();
    }
}
