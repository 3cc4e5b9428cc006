package dev.ladder.sim;

/** Derives independent seeds from a base seed and an index (the SplitMix64 finaliser), so streams never overlap by accident. */
final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A well-mixed seed for item {@code index} of the stream {@code seed}. */
    static long mix(long seed, long index) {
        long z = seed + GOLDEN * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
