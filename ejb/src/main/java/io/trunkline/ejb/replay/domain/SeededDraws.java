package io.trunkline.ejb.replay.domain;

import java.util.function.DoubleSupplier;

/**
 * The weighted split's random draws made repeatable: reset to a call's seed before each side decides it, so both
 * sides draw the same numbers and a table that does not change a call's split never shows a change. SplitMix64
 * (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), the generator of
 * {@link java.util.SplittableRandom}, which cannot be reset.
 */
public final class SeededDraws implements DoubleSupplier {

    private long state;

    /** A call's seed from its id (FNV-1a, 64 bits): the same on every run and node. */
    public static long seedOf(String callId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < callId.length(); i++) {
            h ^= callId.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    public void reset(long seed) {
        state = seed;
    }

    /** Uniform in [0, 1). */
    @Override
    public double getAsDouble() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
