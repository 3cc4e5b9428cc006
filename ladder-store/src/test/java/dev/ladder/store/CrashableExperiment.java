package dev.ladder.store;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child-JVM main for the kill tests: runs (or, when it exists, resumes) experiment NAME in the store
 * at URL, ASHA over the quadratic test objective on one worker, each epoch taking a few milliseconds,
 * so that a SIGKILL lands in the middle of it. Args: URL CHECKPOINT_DIR NAME TRIALS EPOCH_MS [SEARCHER], the searcher
 * a registry name (random by default).
 */
public final class CrashableExperiment {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path checkpoints = Path.of(args[1]);
        String name = args[2];
        int trials = Integer.parseInt(args[3]);
        long epochMs = Long.parseLong(args[4]);
        String searcher = args.length > 5 ? args[5] : "random";
        try (JdbcStore store = JdbcStore.open(url, Duration.ofSeconds(30))) {
            boolean exists = store.experiment(name).isPresent();
            StoreLog log = exists ? StoreLog.open(store, name) : StoreLog.create(store, name, "{\"kind\":\"quadratic\"}", 5);
            Tuner.Builder b = builder(trials, epochMs, searcher).log(log, checkpoints, name);
            TuningResult r = (exists ? b.resume() : b).run();
            System.out.println("best " + r.best().orElseThrow());
        }
    }

    static Tuner.Builder builder(int trials, long epochMs, String searcher) {
        QuadraticObjective q = new QuadraticObjective(0.05);
        Objective slow = (config, ctx) -> q.run(config, new dev.ladder.core.tune.TrialContext() {
            public int trialId() { return ctx.trialId(); }
            public long resumeFrom() { return ctx.resumeFrom(); }
            public long maxResource() { return ctx.maxResource(); }
            public Path checkpointDir() { return ctx.checkpointDir(); }

            public boolean report(long resource, java.util.Map<String, Double> metrics) {
                try {
                    Thread.sleep(epochMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ctx.report(resource, metrics);
            }
        });
        Metric loss = Metric.minimize("loss");
        return Tuner.builder().scheduler(new AshaScheduler(SearcherSpec.of(searcher).build(QuadraticObjective.SPACE, loss, 5),
                loss, 1, 27, 3)).objective(slow).workers(1).maxTrials(trials);
    }
}
