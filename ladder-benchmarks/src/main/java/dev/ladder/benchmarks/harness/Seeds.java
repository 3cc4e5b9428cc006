package dev.ladder.benchmarks.harness;

import java.util.Locale;
import java.util.stream.LongStream;

/**
 * The seeds of a benchmark command: a count {@code n} (seeds 0..n-1) or an inclusive range {@code a..b},
 * so that a later run can add seeds that do not repeat the earlier ones ({@code --seeds 15} then
 * {@code --seeds 15..29}).
 */
public record Seeds(long first, int count) {
    public Seeds {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("seeds must be at least one, from 0 up, got first " + first + ", count " + count);
        }
    }

    /** {@code "15"} is seeds 0..14, {@code "101..115"} is seeds 101 to 115 inclusive. */
    public static Seeds parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            int dots = t.indexOf("..");
            if (dots < 0) {
                int n = Integer.parseInt(t);
                if (n < 1) {
                    throw new IllegalArgumentException("--seeds must be at least 1, got " + t);
                }
                return new Seeds(0, n);
            }
            long a = Long.parseLong(t.substring(0, dots).trim());
            long b = Long.parseLong(t.substring(dots + 2).trim());
            if (a < 0 || b < a || b - a >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--seeds range '" + t + "' must be a..b with 0 <= a <= b");
            }
            return new Seeds(a, (int) (b - a + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds '" + text + "' is neither a count (15) nor a range (101..115)");
        }
    }

    public long last() {
        return first + count - 1;
    }

    public long[] toArray() {
        return LongStream.range(first, first + count).toArray();
    }

    /** "0..14" */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d..%d", first, last());
    }
}
