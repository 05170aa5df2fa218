package io.trunkline.ejb.routing.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The world's numbering plans as libphonenumber keeps them: whether an E.164 number can exist, which
 * region it belongs to ({@code CA} for +1 416, {@code US} for +1 212) and its line type.
 */
public final class NumberingPlan {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /**
     * Numbers looked up before, with what was found: libphonenumber's parse and validation cost a quarter of a call's
     * decision, and a plan never changes while the platform runs. Emptied whole when it reaches its bound, so numbers
     * dialed at random cannot grow it without end.
     */
    private static final Map<String, Optional<Info>> LOOKUPS = new ConcurrentHashMap<>();
    static final int LOOKUPS_KEPT = 100_000;

    /** Region and line type of a valid number. */
    public record Info(String region, String lineType) {
    }

    private NumberingPlan() {
    }

    /** Empty when the number is not valid in its country's plan (wrong length, unassigned range). */
    public static Optional<Info> lookup(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        Optional<Info> known = LOOKUPS.get(e164);
        if (known != null) {
            return known;
        }
        Optional<Info> found = parse(e164);
        if (LOOKUPS.size() >= LOOKUPS_KEPT) {
            LOOKUPS.clear();
        }
        LOOKUPS.put(e164, found);
        return found;
    }

    private static Optional<Info> parse(String e164) {
        try {
            PhoneNumber n = UTIL.parse(e164, null);
            if (!UTIL.isValidNumber(n)) {
                return Optional.empty();
            }
            return Optional.of(new Info(UTIL.getRegionCodeForNumber(n), UTIL.getNumberType(n).name()));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A national or international string as a subscriber of {@code region} would dial it, in E.164. */
    public static Optional<String> toE164(String dialed, String region) {
        try {
            PhoneNumber n = UTIL.parse(dialed, region);
            return UTIL.isValidNumber(n) ? Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
