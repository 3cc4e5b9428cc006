package dev.ladder.benchmarks.distributed;

import dev.ladder.core.Best;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import dev.ladder.sim.SyntheticBlackbox;
import dev.ladder.store.JdbcStore;
import dev.ladder.store.StoreLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The thesis's scale (ASHA on 1,000 workers, 10^5 trials) in simulated time: how many decisions and jobs per
 * second such a run asks of the tuner and of the store (mean, and peak over a minute of simulated time, with
 * one resource unit taking {@code --seconds-per-unit} seconds), against what they deliver here (the same run's
 * decisions per second of wall time, with no journal and with the journal in PostgreSQL when
 * {@code --postgresql} is given). One JSON line per run.
 * <pre>
 * ThesisScaleSim [--workers 1000] [--trials 100000] [--seconds-per-unit 60] [--postgresql JDBC_URL]
 * </pre>
 */
public final class ThesisScaleSim {
    public static void main(String[] args) throws Exception {
        int workers = 1000;
        int trials = 100_000;
        double secondsPerUnit = 60;
        String url = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--workers" -> workers = Integer.parseInt(args[i + 1]);
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--seconds-per-unit" -> secondsPerUnit = Double.parseDouble(args[i + 1]);
                case "--postgresql" -> url = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(workers, Math.min(trials, 10_000), secondsPerUnit, null, true); // warm-up, not printed
        System.out.println(run(workers, trials, secondsPerUnit, null, false));
        if (url != null) {
            System.out.println(run(workers, trials, secondsPerUnit, url, false));
        }
    }

    private static String run(int workers, int trials, double secondsPerUnit, String url, boolean warmup) throws Exception {
        SyntheticBlackbox box = new SyntheticBlackbox(81, secondsPerUnit);
        SimulatedExecutor sim = new SimulatedExecutor(box, workers, 0, FailureModel.NONE);
        Map<Long, Integer> reportsPerMinute = new HashMap<>();
        Map<Long, Integer> jobsPerMinute = new HashMap<>();
        long[] jobs = new long[1];
        Tuner.Builder tuner = Tuner.builder().executor(sim).maxTrials(trials)
                .scheduler(Schedulers.asha().maxResource(81L).build(new RandomSearcher(box.space(), 0), box.metric()))
                .listener(new TunerListener() {
                    @Override
                    public void onTrialStart(Trial trial, Suggestion suggestion) {
                        jobs[0]++;
                        jobsPerMinute.merge((long) (sim.now() / 60), 1, Integer::sum);
                    }

                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, Best best) {
                        reportsPerMinute.merge((long) (sim.now() / 60), 1, Integer::sum);
                    }
                });
        JdbcStore store = url == null ? null : JdbcStore.open(url);
        Path dir = Files.createTempDirectory("thesis-scale");
        try {
            if (store != null) {
                String name = "thesis-" + System.currentTimeMillis();
                tuner.log(StoreLog.create(store, name, "{}", 0), dir.resolve("checkpoints"), name);
            }
            long t0 = System.nanoTime();
            tuner.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (warmup) {
                return "";
            }
            double simulated = sim.now();
            long reports = sim.reports();
            int peakReports = reportsPerMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int peakJobs = jobsPerMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return String.format(Locale.ROOT, "{\"journal\": \"%s\", \"workers\": %d, \"trials\": %d, \"seconds_per_unit\": %s,"
                    + " \"simulated_hours\": %.1f, \"reports\": %d, \"jobs\": %d, \"needed_reports_per_s_mean\": %.1f,"
                    + " \"needed_reports_per_s_peak_minute\": %.1f, \"needed_jobs_per_s_mean\": %.1f, \"needed_jobs_per_s_peak_minute\": %.1f,"
                    + " \"wall_seconds\": %.2f, \"delivered_reports_per_s\": %.0f, \"delivered_jobs_per_s\": %.0f}",
                    store == null ? "none" : "postgresql", workers, trials, secondsPerUnit, simulated / 3600, reports, jobs[0],
                    reports / simulated, peakReports / 60.0, jobs[0] / simulated, peakJobs / 60.0, wall, reports / wall, jobs[0] / wall);
        } finally {
            if (store != null) {
                store.close();
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
