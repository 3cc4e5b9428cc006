package dev.ladder.benchmarks;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import dev.ladder.sim.SyntheticBlackbox;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The speed of the model-based searchers (docs/benchmarks.md, "Model-based searchers"). Mode {@code speed}: a
 * searcher ({@code gp} or {@code mobster}) over 10 real parameters (or as many as the 4th argument says) is given n observations (its first n
 * configurations at random), then times its next {@link #WINDOW} suggestions, each followed by one more
 * observation, so that the refits due in the window are in the mean (amortised), in wall and in thread CPU
 * time (the machine is shared). MOBSTER's observations sit at resources 1, 3, 9, 27 in turn and every
 * suggestion has 4 pending evaluations (fantasies). Mode {@code sim}: MOBSTER over asynchronous Hyperband
 * (r 1..81, eta 3) on {@link SyntheticBlackbox} with 4 simulated workers, N trials (or another searcher, the
 * 4th argument, for comparison); prints decisions per second of wall time (suggestions plus decisions on reports).
 */
public final class ModelSearcherBench {
    /** 51 suggestions: at 250 observations and more the model refits every 50 new ones, so exactly one refit is in. */
    static final int WINDOW = 51;
    static int dimension = 10;
    private static final Metric LOSS = Metric.minimize("loss");
    private static final long[] LEVELS = {1, 3, 9, 27};

    private ModelSearcherBench() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "speed";
        if (mode.equals("sim")) {
            int trials = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            int maxData = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
            simulate(trials, maxData, args.length > 3 ? args[3] : "mobster");
            return;
        }
        String searcher = args.length > 1 ? args[1] : "gp";
        int[] sizes = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 500, 2000};
        dimension = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        speed(searcher, 100); // warm-up for the JIT
        for (int n : sizes) {
            speed(searcher, n);
        }
    }

    static SearchSpace space() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < dimension; i++) {
            b.real("x" + i, 0, 1);
        }
        return b.build();
    }

    static double loss(Config c, long resource) {
        double s = 0;
        for (int i = 0; i < dimension; i++) {
            double x = c.getDouble("x" + i);
            s += (x - 0.3) * (x - 0.3) * (1 + i);
        }
        return s + 1.0 / resource;
    }

    static void speed(String name, int n) {
        boolean mobster = name.equals("mobster");
        Searcher s = SearcherSpec.of(name).with("initial", n).build(space(), LOSS, 1);
        int id = 0;
        for (; id < n; id++) {
            observe(s, id, mobster, s.next(id).orElseThrow());
        }
        // 4 running trials whose results are pending: the model draws fantasies for them
        int[] running = new int[4];
        Config[] runningConfig = new Config[4];
        long cold = System.nanoTime();
        for (int w = 0; w < running.length; w++) {
            running[w] = id;
            runningConfig[w] = start(s, id++, mobster);
            if (w == 0) {
                cold = System.nanoTime() - cold; // the first model suggestion: the first fit, with its restarts
            }
        }
        double[] ms = new double[WINDOW];
        double[] cpu = new double[WINDOW];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int k = 0; k < WINDOW; k++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Config c = s.next(id).orElseThrow();
            ms[k] = (System.nanoTime() - t0) / 1e6;
            cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            if (mobster) {
                s.onPending(id, LEVELS[id % LEVELS.length]);
            }
            int w = k % running.length; // the oldest running trial reports; the new one takes its place
            finish(s, running[w], mobster, runningConfig[w]);
            running[w] = id;
            runningConfig[w] = c;
            id++;
        }
        double amortised = Arrays.stream(ms).sum() / WINDOW;
        double max = Arrays.stream(ms).max().orElse(0);
        System.out.printf(Locale.ROOT, "{\"searcher\": \"%s\", \"observations\": %d, \"dimension\": %d, \"first_fit_ms\": %.0f, \"amortised_ms\": %.1f,"
                + " \"amortised_cpu_ms\": %.1f, \"max_ms\": %.1f, \"window\": %d}%n", name, n, dimension, cold / 1e6, amortised,
                Arrays.stream(cpu).sum() / WINDOW, max, WINDOW);
    }

    private static Config start(Searcher s, int id, boolean mobster) {
        Config c = s.next(id).orElseThrow();
        if (mobster) {
            s.onPending(id, LEVELS[id % LEVELS.length]);
        }
        return c;
    }

    private static void observe(Searcher s, int id, boolean mobster, Config c) {
        if (mobster) {
            s.onPending(id, LEVELS[id % LEVELS.length]);
        }
        finish(s, id, mobster, c);
    }

    private static void finish(Searcher s, int id, boolean mobster, Config c) {
        long r = mobster ? LEVELS[id % LEVELS.length] : 27;
        Trial t = new Trial(id, c);
        s.onResult(t, new Result(id, r, Map.of("loss", loss(c, r))));
        t.setStatus(TrialStatus.COMPLETED, "done");
        s.onTrialEnd(t);
    }

    static void simulate(int trials, int maxData, String name) {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1.0);
        SimulatedExecutor sim = new SimulatedExecutor(box, 4, 0, FailureModel.NONE);
        SearcherSpec spec = SearcherSpec.of(name);
        Searcher searcher = (spec.entry().parameters().contains(dev.ladder.core.search.Searchers.MAX_DATA)
                ? spec.with("max_data", maxData) : spec).build(box.space(), box.metric(), 0);
        long t0 = System.nanoTime();
        var result = Tuner.builder().executor(sim).maxTrials(trials)
                .scheduler(Schedulers.asyncHyperband().maxResource(81L).build(searcher, box.metric())).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long decisions = sim.reports() + result.trials().size();
        System.out.printf(Locale.ROOT, "{\"mode\": \"sim\", \"scheduler\": \"async-hyperband\", \"searcher\": \"%s\", \"max_data\": %d,"
                + " \"trials\": %d, \"reports\": %d, \"seconds\": %.1f, \"decisions_per_s\": %.1f, \"best\": %.4f}%n",
                name, maxData, result.trials().size(), sim.reports(), seconds, decisions / seconds,
                result.best().map(b -> b.value()).orElse(Double.NaN));
    }
}
