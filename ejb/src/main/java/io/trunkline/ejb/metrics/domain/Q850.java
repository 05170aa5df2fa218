package io.trunkline.ejb.metrics.domain;

/** ISDN/Q.850 release causes to SIP response codes, by RFC 3398 section 8.2.6.1, for sources that give only causes. */
public final class Q850 {

    private Q850() {
    }

    public static int toSip(int cause) {
        return switch (cause) {
            case 16 -> 200;
            case 1, 2, 3, 22 -> 404;
            case 17 -> 486;
            case 18 -> 408;
            case 19, 20, 31 -> 480;
            case 21 -> 603;
            case 26 -> 404;
            case 27 -> 502;
            case 28 -> 484;
            case 29 -> 501;
            case 34, 38, 41, 42, 44, 47, 58 -> 503;
            case 55, 57, 87 -> 403;
            case 65, 70 -> 488;
            case 79 -> 501;
            case 88 -> 503;
            case 102 -> 504;
            default -> 500;
        };
    }

    /** A CDR's outcome as a SIP code: its own SIP code, else its cause, else its disposition. */
    public static int outcome(String disposition, Integer sipCode, Integer q850) {
        if ("ANSWERED".equals(disposition)) {
            return 200;
        }
        if (sipCode != null && sipCode >= 300) {
            return sipCode;
        }
        if (q850 != null && q850 != 16) {
            return toSip(q850);
        }
        return switch (disposition == null ? "" : disposition) {
            case "BUSY" -> 486;
            case "NO_ANSWER" -> 480;
            case "REJECTED" -> 603;
            case "CONGESTION" -> 503;
            default -> 500;
        };
    }
}
