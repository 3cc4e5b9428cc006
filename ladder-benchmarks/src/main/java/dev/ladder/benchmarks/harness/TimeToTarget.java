package dev.ladder.benchmarks.harness;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times until a target over several runs, where a run that never got there within the budget is a
 * miss (censored at the budget), never left out: the median is the time by which half of the runs
 * had reached the target (the ceil(n/2)-th smallest, misses counting as later than any time), and
 * the misses are reported beside it. A mean over only the runs that got there would flatter a method
 * that often fails.
 *
 * @param times  one per run, NaN for a run that missed
 * @param budget the simulated time every run had
 */
public record TimeToTarget(double[] times, double budget) {

    public int runs() {
        return times.length;
    }

    public int misses() {
        return (int) Arrays.stream(times).filter(Double::isNaN).count();
    }

    /** The time by which half of the runs had reached the target; NaN when more than half missed. */
    public double median() {
        if (times.length == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.stream(times).map(t -> Double.isNaN(t) ? Double.POSITIVE_INFINITY : t).sorted().toArray();
        double m = sorted[(times.length + 1) / 2 - 1];
        return Double.isInfinite(m) ? Double.NaN : m;
    }

    /** "412 (2 of 10 missed)", or "> 7200 (6 of 10 missed)" when half of the runs or more did not get there. */
    public String format() {
        double m = median();
        String head = Double.isNaN(m) ? String.format(Locale.ROOT, "> %.0f", budget) : String.format(Locale.ROOT, "%.0f", m);
        return head + String.format(Locale.ROOT, " (%d of %d missed)", misses(), runs());
    }
}
