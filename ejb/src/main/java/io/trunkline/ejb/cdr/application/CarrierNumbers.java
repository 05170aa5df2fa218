package io.trunkline.ejb.cdr.application;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;

/**
 * Numbers as a carrier writes them (E.164 with or without '+', or national in the carrier's country) to
 * E.164 and a destination class, by libphonenumber's metadata, since carrier records pass through no PBX
 * dial plan.
 */
final class CarrierNumbers {

    record Number(String e164, String callClass) {
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private CarrierNumbers() {
    }

    /** @return the number in E.164 and its class; e164 null when it is no possible number */
    static Number normalize(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return new Number(null, null);
        }
        String digits = raw.trim();
        if (ShortNumberInfo.getInstance().isEmergencyNumber(digits, region)) {
            return new Number(null, "EMERGENCY");
        }
        PhoneNumber number = parse(digits.startsWith("+") ? digits : digits, region);
        if ((number == null || !UTIL.isValidNumber(number)) && !digits.startsWith("+") && digits.chars().allMatch(Character::isDigit)) {
            PhoneNumber international = parse("+" + digits, region);
            if (international != null && UTIL.isValidNumber(international)) {
                number = international;
            }
        }
        if (number == null || !UTIL.isPossibleNumber(number)) {
            return new Number(null, null);
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        return new Number(e164, callClass(number, region));
    }

    private static String callClass(PhoneNumber number, String region) {
        switch (UTIL.getNumberType(number)) {
            case TOLL_FREE:
                return "TOLL_FREE";
            case PREMIUM_RATE:
                return "PREMIUM";
            default:
                return number.getCountryCode() == UTIL.getCountryCodeForRegion(region) ? "NATIONAL" : "INTERNATIONAL";
        }
    }

    private static PhoneNumber parse(String text, String region) {
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
