package dev.ladder.benchmarks.journal;

import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import dev.ladder.sim.SyntheticBlackbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What writing the journal costs in simulation: ASHA (r = 1..81, eta = 3, random search) on the simulator's
 * synthetic blackbox ({@code synthetic:81}), N trials, 4 simulated workers, through the real Tuner and
 * {@link SimulatedExecutor}; once without a journal and once with the JSON-lines journal
 * ({@code .output(dir, name)}), each after a warm-up run of the same kind on N/10 trials. Prints one JSON line
 * per run (simulated reports per second of wall time) and the ratio.
 * <pre>
 * SimJournalBench [trials (100000)] [folder for the journals (else a temporary one, deleted at the end)]
 * </pre>
 */
public final class SimJournalBench {
    static final int WORKERS = 4;

    public static void main(String[] args) throws IOException {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path folder = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("ladder-sim-bench");
        run(trials / 10, null, "warmup-none");
        double none = run(trials, null, "none");
        run(trials / 10, folder, "warmup-jsonl");
        double jsonl = run(trials, folder, "jsonl");
        System.out.printf(Locale.ROOT, "{\"side\": \"ladder-sim\", \"cost_of_jsonl\": %.2f}%n", none / jsonl);
        if (args.length < 2) {
            DurableReportsBench.deleteRecursively(folder);
        }
    }

    /** One simulated run, journaling as JSON lines under {@code folder} when it is not null; returns reports/s. */
    static double run(int trials, Path folder, String label) {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1.0);
        SimulatedExecutor sim = new SimulatedExecutor(box, WORKERS, 0, FailureModel.NONE);
        Tuner.Builder tuner = Tuner.builder().executor(sim).maxTrials(trials)
                .scheduler(Schedulers.asha().maxResource(81L).build(new RandomSearcher(box.space(), 0), box.metric()));
        if (folder != null) {
            tuner.output(folder, label + "-" + System.currentTimeMillis());
        }
        long t0 = System.nanoTime();
        tuner.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double perSecond = sim.reports() / seconds;
        if (!label.startsWith("warmup")) {
            System.out.printf(Locale.ROOT, "{\"side\": \"ladder-sim\", \"journal\": \"%s\", \"trials\": %d, \"workers\": %d,"
                    + " \"reports\": %d, \"seconds\": %.3f, \"reports_per_s\": %.0f}%n",
                    label, trials, WORKERS, sim.reports(), seconds, perSecond);
        }
        return perSecond;
    }
}
