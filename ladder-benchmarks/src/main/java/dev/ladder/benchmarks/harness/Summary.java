package dev.ladder.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Aggregates runs per (benchmark, workers, method): the summary table, the CSV of every result, the curves. */
public final class Summary {
    private Summary() {
    }

    /** Runs grouped by benchmark and workers, then method, in first-seen order. */
    public static Map<String, Map<String, List<RunResult>>> group(List<RunResult> runs) {
        Map<String, Map<String, List<RunResult>>> g = new LinkedHashMap<>();
        for (RunResult r : runs) {
            g.computeIfAbsent(r.spec().benchmark() + ", " + r.spec().workers() + " workers", k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.spec().method(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }

    /**
     * The markdown summary: the final value (the chosen configuration's value at the maximum resource, see
     * {@link FinalMeasure}), the best value seen at any resource as a second column, the time until the final
     * value reached the target (median, misses counted, see {@link TimeToTarget}), total resource, trials per
     * highest resource.
     */
    public static String table(List<RunResult> runs, Double target, boolean maximize) {
        StringBuilder sb = new StringBuilder();
        group(runs).forEach((setting, byMethod) -> {
            double budget = byMethod.values().iterator().next().get(0).spec().budgetSeconds();
            sb.append("\n").append(setting).append(String.format(Locale.ROOT, ", simulated budget %.0f s%n%n", budget));
            sb.append("| method | runs | final value: chosen configuration at r_max (mean ± std) | best seen at any resource (mean ± std) "
                    + "| time to target (s, median; misses censored at the budget) "
                    + "| total resource (mean) | trials by the highest resource they reached (mean per run; levels under 1 trial per run are summed as cut off) |\n");
            sb.append("|---|---:|---|---|---|---:|---|\n");
            byMethod.forEach((method, rs) -> {
                double[] finals = rs.stream().mapToDouble(RunResult::finalValue).filter(d -> !Double.isNaN(d)).toArray();
                double[] seen = rs.stream().mapToDouble(RunResult::finalBestSeen).filter(d -> !Double.isNaN(d)).toArray();
                String reach = target == null ? "-" : timeToTarget(rs, target, maximize).format();
                TreeMap<Long, Double> levels = new TreeMap<>();
                rs.forEach(r -> r.trialsByHighestResource().forEach((k, v) -> levels.merge(k, (double) v / rs.size(), Double::sum)));
                StringBuilder lv = new StringBuilder();
                double[] cut = {0};
                levels.forEach((k, v) -> {
                    if (v < 1) {
                        cut[0] += v; // resources no scheduler stops at: trials cut off by the end of the budget
                    } else {
                        lv.append(lv.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "r=%d: %.1f", k, v));
                    }
                });
                if (cut[0] > 0) {
                    lv.append(String.format(Locale.ROOT, "; elsewhere (cut off by the budget): %.1f", cut[0]));
                }
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.4f ± %.4f | %.4f ± %.4f | %s | %.0f | %s |%n", method, rs.size(),
                        mean(finals), std(finals), mean(seen), std(seen), reach, rs.stream().mapToLong(RunResult::totalResource).average().orElse(0),
                        lv));
            });
        });
        return sb.toString();
    }

    /** Every result of every run, one row each. */
    public static void writeCsv(List<RunResult> runs, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("method,benchmark,workers,seed,time_s,trial,resource,value\n");
            for (RunResult r : runs) {
                RunSpec s = r.spec();
                for (RunResult.Row row : r.rows()) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%d,%d,%s%n", s.method(), s.benchmark(), s.workers(),
                            s.seed(), row.time(), row.trial(), row.resource(), row.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** When each run's final value ({@link RunResult#chosen}) first reached {@code target}; runs that never did are misses. */
    public static TimeToTarget timeToTarget(List<RunResult> runs, double target, boolean maximize) {
        return new TimeToTarget(runs.stream().mapToDouble(r -> r.chosen().firstReaching(target, maximize)).toArray(),
                runs.get(0).spec().budgetSeconds());
    }

    /** The final value ({@link RunResult#chosen}) on a grid of simulated times: mean and the 25th and 75th percentiles over runs. */
    public static double[][] band(List<RunResult> runs, double[] grid) {
        double[][] out = new double[3][grid.length];
        for (int i = 0; i < grid.length; i++) {
            double t = grid[i];
            double[] v = runs.stream().mapToDouble(r -> r.chosen().at(t)).filter(d -> !Double.isNaN(d)).sorted().toArray();
            out[0][i] = v.length == 0 ? Double.NaN : mean(v);
            out[1][i] = v.length == 0 ? Double.NaN : quantile(v, 0.25);
            out[2][i] = v.length == 0 ? Double.NaN : quantile(v, 0.75);
        }
        return out;
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    /** Linear interpolation between order statistics of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
