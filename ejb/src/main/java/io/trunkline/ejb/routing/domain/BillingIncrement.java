package io.trunkline.ejb.routing.domain;

/**
 * How a carrier bills call duration: a first block and then further blocks, in seconds, written
 * {@code first/next} as in rate sheets: {@code 60/60}, {@code 6/6}, {@code 30/6}, {@code 1/1}.
 */
public record BillingIncrement(int first, int next) {

    public BillingIncrement {
        if (first < 1 || next < 1) {
            throw new IllegalArgumentException("billing increment must be positive, was " + first + "/" + next);
        }
    }

    public static BillingIncrement parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new BillingIncrement(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("billing increment '" + text + "' is not first/next seconds, e.g. 60/60 or 30/6");
    }

    /** Seconds billed for a call of {@code seconds}: the first block whole, then whole further blocks. */
    public long billedSeconds(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        if (seconds <= first) {
            return first;
        }
        long rest = seconds - first;
        return first + ((rest + next - 1) / next) * next;
    }

    @Override
    public String toString() {
        return first + "/" + next;
    }
}
