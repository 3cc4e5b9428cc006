package dev.ladder.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link DecisionBenchmark#measure} found: the measured run, its warm-up and the heap.
 * {@code scheduler} is the name it was asked for, {@code description} the scheduler's own toString.
 */
public record DecisionMeasurement(String scheduler, String description, int trials, long seed,
                                  Warmup warmup, DecisionDriver.Run run, Heap heap) {

    /** The warm-up run before the measured one (not counted in the measurements). */
    public record Warmup(int trials, long decisions, long nanos) {
    }

    /** Heap bytes: in use before the run (after a GC), the sum of pool peaks during it, live after it, the maximum. */
    public record Heap(long baselineBytes, long peakBytes, long liveBytes, long maxBytes) {
    }

    public double seconds() {
        return run.elapsedNanos() / 1e9;
    }

    public double decisionsPerSecond() {
        return run.decisionsPerSecond();
    }

    public long p50Nanos() {
        return run.latency().quantile(0.50);
    }

    public long p99Nanos() {
        return run.latency().quantile(0.99);
    }

    /** The header of {@link #toMarkdownRow()}, with its separator line. */
    public static String markdownHeader() {
        return "| scheduler | N | decisions | time (s) | decisions/s | p50 (ns) | p99 (ns) | peak heap (MiB) "
                + "| live heap after (MiB) | reached r=81 | best f(i,81) (trial) | highest r reached (r: trials) | warm-up |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|";
    }

    /** One line of a markdown table under {@link #markdownHeader()}. */
    public String toMarkdownRow() {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %.3f | %,.0f | %,d | %,d | %,.0f | %,.0f | %,d | %s | %s | %s |",
                scheduler, trials, run.decisions(), seconds(), decisionsPerSecond(), p50Nanos(), p99Nanos(),
                mib(heap.peakBytes()), mib(heap.liveBytes()), run.trialsAtMax(), best(), reached("; "),
                String.format(Locale.ROOT, "%,d trials, %.3f s", warmup.trials(), warmup.nanos() / 1e9));
    }

    /** A readable report, several lines, ending with a newline. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        line(b, "Scheduler", scheduler + ": " + description);
        line(b, "Workload", String.format(Locale.ROOT, "%s, N = %,d trials, r = %d..%d, eta = %d, seed %d",
                SyntheticWorkload.NAME, trials, SyntheticWorkload.MIN_RESOURCE, SyntheticWorkload.MAX_RESOURCE,
                SyntheticWorkload.ETA, seed));
        line(b, "Warm-up", warmup.trials() == 0 ? "none" : String.format(Locale.ROOT,
                "%,d trials, %,d decisions in %.3f s (not counted)", warmup.trials(), warmup.decisions(), warmup.nanos() / 1e9));
        line(b, "Trials started", String.format(Locale.ROOT, "%,d", run.trialsStarted()));
        line(b, "Decisions", String.format(Locale.ROOT, "%,d", run.decisions()));
        line(b, "Wall time", String.format(Locale.ROOT, "%.3f s", seconds()));
        line(b, "Decisions per second", String.format(Locale.ROOT, "%,.0f", decisionsPerSecond()));
        line(b, "Latency per decision", String.format(Locale.ROOT, "p50 %,d ns, p99 %,d ns, max %,d ns (onResult only, +-3%% buckets)",
                p50Nanos(), p99Nanos(), run.latency().max()));
        line(b, "Time split", String.format(Locale.ROOT, "onResult %.3f s, suggest %.3f s, the rest %.3f s "
                + "(driver, curves, onTrialEnd, clock reads)", run.onResultNanos() / 1e9, run.suggestNanos() / 1e9,
                (run.elapsedNanos() - run.onResultNanos() - run.suggestNanos()) / 1e9));
        line(b, "Heap", String.format(Locale.ROOT, "peak %,.1f MiB (sum of heap pool peaks), live after the run %,.1f MiB, "
                + "before %,.1f MiB, max %,.0f MiB", mib(heap.peakBytes()), mib(heap.liveBytes()),
                mib(heap.baselineBytes()), mib(heap.maxBytes())));
        line(b, "Reached r = 81", String.format(Locale.ROOT, "%,d trials", run.trialsAtMax()));
        line(b, "Best f(i, 81)", best());
        line(b, "Highest r reached", reached("  "));
        return b.toString();
    }

    private String best() {
        return run.bestTrial() < 0 ? "none" : String.format(Locale.ROOT, "%s (trial %d)", run.bestValue(), run.bestTrial());
    }

    private String reached(String separator) {
        return run.highestResource().entrySet().stream()
                .map((Map.Entry<Integer, Integer> e) -> String.format(Locale.ROOT, "r=%d: %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(separator));
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-22s %s%n", label + ":", value));
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
