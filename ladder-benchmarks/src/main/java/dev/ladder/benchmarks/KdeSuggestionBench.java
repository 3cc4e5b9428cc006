package dev.ladder.benchmarks;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.KdeSearcher;
import dev.ladder.core.space.SearchSpace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The time of one BOHB suggestion ({@link KdeSearcher}) with n observations in 10 dimensions, refit included:
 * each measured step adds one observation at the modelled resource (so the densities are fitted again) and asks
 * for one configuration from the model (random_fraction 0). Prints the median and 90th percentile per n, of the wall
 * time and of the thread's CPU time (on a loaded machine the wall time includes waiting for a core).
 * Usage: {@code KdeSuggestionBench [n,n,...] [steps]} (default 100,500,2000 and 200 steps).
 */
public final class KdeSuggestionBench {
    private KdeSuggestionBench() {
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100,500,2000").split(",")).mapToInt(Integer::parseInt).toArray();
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        SearchSpace.Builder b = SearchSpace.builder();
        for (int j = 0; j < 10; j++) {
            b.real("x" + j, 0, 1);
        }
        SearchSpace space = b.build();
        Metric loss = Metric.minimize("loss");
        KdeSearcher.Settings greedy = new KdeSearcher.Settings(0.15, 64, 0, 3, 1e-3, 0);
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int n : sizes) {
                KdeSearcher kde = new KdeSearcher(space, loss, 1, greedy);
                SplittableRandom rng = new SplittableRandom(n);
                int id = 0;
                for (; id < n; id++) {
                    observe(kde, space, rng, id);
                }
                double[] ms = new double[steps];
                double[] cpu = new double[steps];
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                for (int s = 0; s < steps; s++) {
                    long t0 = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    observe(kde, space, rng, id++);
                    kde.next(id).orElseThrow();
                    cpu[s] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                    ms[s] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                Arrays.sort(cpu);
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "n=%d: fit + one suggestion: wall median %.2f ms, p90 %.2f ms; CPU median %.2f ms, "
                            + "p90 %.2f ms (%d steps)%n", n, ms[steps / 2], ms[(int) (steps * 0.9)], cpu[steps / 2],
                            cpu[(int) (steps * 0.9)], steps);
                }
            }
        }
    }

    /** One random configuration with a sphere loss around 0.3, at resource 1. */
    private static void observe(KdeSearcher kde, SearchSpace space, SplittableRandom rng, int id) {
        Config c = space.sample(rng);
        double v = 0;
        for (int j = 0; j < 10; j++) {
            double d = c.getDouble("x" + j) - 0.3;
            v += d * d;
        }
        kde.onResult(new Trial(id, c), new Result(id, 1, Map.of("loss", v)));
    }
}
