package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Pins every decision of the rung schedulers (ASHA, asynchronous Hyperband, adaptive, RUSH, PASHA) on
 * the synthetic two-parameter workload: each run's full call log (suggestions, decisions with their
 * reasons, job ends) for 1, 4 and 16 interleaved workers and three seeds is hashed, and the hashes were
 * recorded at commit be629da, before RUSH and PASHA became subclasses of {@link RungScheduler}. A change of any answer,
 * reason text or call order changes a hash.
 */
class DecisionsUnchangedTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x0", 0, 1).real("x1", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");
    static final int TRIALS = 120;
    static final List<Config> ARMS = List.of(arm(0.3, 0.34), arm(0.05, 0.1), arm(0.5, 0.2));

    /** A configuration whose parameters print in a fixed order (Map.of's order changes between JVM runs). */
    static Config arm(double x0, double x1) {
        return Config.of(new TreeMap<>(Map.of("x0", x0, "x1", x1)));
    }

    /** The synthetic blackbox's curve (final loss near (0.3, 0.3), fast learners near the origin), with optional noise. */
    static double loss(Config c, int trial, long r, double noise) {
        double x0 = c.getDouble("x0");
        double x1 = c.getDouble("x1");
        double fin = 0.05 + 0.9 * ((x0 - 0.3) * (x0 - 0.3) + (x1 - 0.3) * (x1 - 0.3)) / 0.98;
        double tau = 2 + 9 * (x0 * x0 + x1 * x1);
        double v = fin + (1 - fin) * StrictMath.exp(-r / tau);
        return noise == 0 ? v : v + noise * (new SplittableRandom(trial * 1_000_003L + r).nextDouble() - 0.5);
    }

    /** Every scheduler under test, by name, built over the searcher given. */
    static Map<String, Function<Searcher, Scheduler>> schedulers(long seed) {
        RungScheduler.Type promotion = RungScheduler.Type.PROMOTION;
        RungScheduler.Type stopping = RungScheduler.Type.STOPPING;
        Map<String, Function<Searcher, Scheduler>> m = new LinkedHashMap<>();
        m.put("asha", s -> new AshaScheduler(s, LOSS, 1, 81, 3));
        m.put("asha-stopping", s -> new AshaScheduler(s, LOSS, 1, 81L, 3, stopping));
        m.put("asha-infinite", s -> new AshaScheduler(s, LOSS, 1, null, 3, promotion));
        m.put("async-hyperband", s -> new AsyncHyperbandScheduler(s, LOSS, 1, 81, 3, promotion,
                RungScheduler.BracketSelection.LOOP, false, seed));
        m.put("async-hyperband-sample-per-bracket", s -> new AsyncHyperbandScheduler(s, LOSS, 1, 81, 3, promotion,
                RungScheduler.BracketSelection.SAMPLE, true, seed));
        m.put("async-hyperband-stopping", s -> new AsyncHyperbandScheduler(s, LOSS, 1, 81, 3, stopping,
                RungScheduler.BracketSelection.LOOP, false, seed));
        m.put("adaptive", s -> new AdaptiveScheduler(s, LOSS, TRIALS, 81, AdaptiveScheduler.Mode.STANDARD));
        m.put("rush", s -> new RushScheduler(s, LOSS, 1, 81, 3, promotion, ARMS));
        m.put("rush-stopping", s -> new RushScheduler(s, LOSS, 1, 81, 3, stopping, ARMS));
        m.put("rush-in-rungs", s -> RushScheduler.inRungs(s, LOSS, 1, 81, 3, promotion, ARMS));
        m.put("rush-in-rungs-stopping", s -> RushScheduler.inRungs(s, LOSS, 1, 81, 3, stopping, ARMS));
        m.put("rush-in-rungs-from-1", s -> RushScheduler.inRungs(s, LOSS, 1, 81, 3, promotion, ARMS, 1));
        m.put("rush-hyperband", s -> RushScheduler.hyperband(s, LOSS, 1, 81, 3,
                RungScheduler.BracketSelection.LOOP, false, seed, ARMS));
        m.put("rush-hyperband-sample-per-bracket", s -> RushScheduler.hyperband(s, LOSS, 1, 81, 3,
                RungScheduler.BracketSelection.SAMPLE, true, seed, ARMS));
        m.put("pasha", s -> new PashaScheduler(s, LOSS, 1, 81, 3, null));
        m.put("pasha-epsilon-0", s -> new PashaScheduler(s, LOSS, 1, 81, 3, 0.0));
        m.put("pasha-epsilon-0.02", s -> new PashaScheduler(s, LOSS, 1, 81, 3, 0.02));
        return m;
    }

    /** What the runs exercised, so that the hashes cover the rules they pin. */
    static final Map<String, Integer> SEEN = new LinkedHashMap<>();

    /** The hash of every run of every scheduler: workers 1, 4, 16; seeds 1..3; smooth and noisy curves. */
    static Map<String, String> digests() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        SEEN.clear();
        for (String name : schedulers(0).keySet()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (double noise : new double[] {0, 0.03}) {
                for (int workers : new int[] {1, 4, 16}) {
                    for (long seed = 1; seed <= 3; seed++) {
                        Scheduler scheduler = schedulers(seed).get(name).apply(new RandomSearcher(SPACE, seed));
                        sha.update((scheduler + "\n").getBytes(StandardCharsets.UTF_8));
                        SchedulerDriver driver = new SchedulerDriver(scheduler);
                        driver.run(workers, TRIALS, (id, r) -> loss(driver.trials.get(id).config(), id, r, noise),
                                seed * 7 + workers, new SchedulerDriver.Observer() { });
                        for (SchedulerDriver.Call c : driver.log) {
                            String line = c.toString();
                            sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                            for (String event : List.of("promoted from", "Stop[", "than the best transferred", "disagree",
                                    "rank their")) {
                                SEEN.merge(event, line.contains(event) ? 1 : 0, Integer::sum);
                            }
                        }
                        if (scheduler instanceof RushScheduler rush) {
                            SEEN.merge("vetoed", rush.vetoes(), Integer::sum);
                        }
                    }
                }
            }
            out.put(name, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
        return out;
    }

    @Test
    void everyDecisionOnTheSyntheticWorkloadIsTheOneRecordedBeforeTheRefactor() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("asha", "ed2dcddd86545328");
        expected.put("asha-stopping", "f1a0e64969f3bd4d");
        expected.put("asha-infinite", "029ffa4e9f814af6");
        expected.put("async-hyperband", "1ed429fa44d23915");
        expected.put("async-hyperband-sample-per-bracket", "6620f8da7df52a0f");
        expected.put("async-hyperband-stopping", "ea03d50a2b644159");
        expected.put("adaptive", "d8a0e3bdfdd7a76b");
        expected.put("rush", "5212e3644646dc1b");
        expected.put("rush-stopping", "ab09f4c41010d97a");
        expected.put("rush-in-rungs", "ba8c5b7972d67f39");
        expected.put("rush-in-rungs-stopping", "039e47f4cc6121e8");
        expected.put("rush-in-rungs-from-1", "9401c121dc4defee");
        expected.put("rush-hyperband", "b0ada3a5fc904905");
        expected.put("rush-hyperband-sample-per-bracket", "d73dc55866e3c875");
        expected.put("pasha", "ee8b59e51bb9e903");
        expected.put("pasha-epsilon-0", "09367f011d3ec177");
        expected.put("pasha-epsilon-0.02", "7d2179aaa6b2e27d");
        assertThat(digests()).containsExactlyEntriesOf(expected);
        assertThat(SEEN).allSatisfy((event, count) -> assertThat(count).as(event).isPositive());
    }
}
