package dev.ladder.core.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rung levels r_min * eta^k below r_max, then r_max itself; computed in exact integer arithmetic. */
public final class RungLevels {
    private RungLevels() {
    }

    /** The levels r_min * eta^k below r_max, then r_max; fails if r_min is below 1, above r_max, or eta below 2. */
    public static long[] of(long minResource, long maxResource, long eta) {
        if (minResource < 1) {
            throw new IllegalArgumentException("min resource must be at least 1, got " + minResource);
        }
        if (maxResource < minResource) {
            throw new IllegalArgumentException("max resource " + maxResource + " is below min resource " + minResource);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("reduction factor eta must be at least 2, got " + eta);
        }
        List<Long> levels = new ArrayList<>();
        long r = minResource;
        while (r < maxResource) {
            levels.add(r);
            if (r > maxResource / eta) {
                break;
            }
            r *= eta;
        }
        levels.add(maxResource);
        return levels.stream().mapToLong(Long::longValue).toArray();
    }

    /** The levels as {@code [1, 3, 9]}. */
    public static String toString(long[] levels) {
        return Arrays.toString(levels);
    }
}
