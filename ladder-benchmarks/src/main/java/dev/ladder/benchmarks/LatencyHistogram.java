package dev.ladder.benchmarks;

/**
 * Counts of durations in nanoseconds in fixed log-scale buckets: exact below 64 ns, then 32
 * buckets per power of two, so a bucket spans at most 1/32 (about 3%) of its values; in the manner
 * of HdrHistogram with two significant binary digits. Fixed size (1,888 counters) whatever the
 * number of values; recording is a few integer operations and allocates nothing.
 * Invariant: {@link #count()} equals the sum of the bucket counts.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    /** Index of Long.MAX_VALUE plus one. */
    private static final int BUCKETS = (63 - SUB_BITS) * SUB + SUB;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;

    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        count++;
        if (v > max) {
            max = v;
        }
    }

    public long count() {
        return count;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /**
     * The value at quantile {@code q} (0 < q <= 1): the highest value of the bucket holding the
     * ceil(q * count)-th smallest value, so at most about 3% above the exact value; 0 when empty.
     */
    public long quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], got " + q);
        }
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestIn(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return (shift + 1) * SUB + (int) ((v >>> shift) - SUB);
    }

    static long highestIn(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long lowest = ((long) (SUB + index % SUB)) << shift;
        return lowest + ((1L << shift) - 1);
    }
}
