package dev.ladder.server;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.MoAshaScheduler;
import dev.ladder.core.schedule.RungScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A real experiment for the dashboard's tests: ASHA (rungs 1, 3, 9, 27) over a quadratic loss of x, with a choice
 * parameter whose one value is a script tag (it must show as text), run by a {@link Tuner} on its own thread and
 * its own connection to the store, each report taking {@code epochMs} (the workload's pace, not a wait of the test).
 */
final class TestExperiment {
    static final String XSS = "<script>alert(1)</script>";
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).choice("note", "plain", XSS).build();

    private TestExperiment() {
    }

    /** Runs (or, when {@code resume}, resumes) experiment {@code name} in the store at {@code url} on a thread of its own. */
    static CompletableFuture<Void> start(String url, Path checkpoints, String name, int trials, long epochMs, boolean resume) {
        return CompletableFuture.runAsync(() -> run(url, checkpoints, name, trials, epochMs, resume));
    }

    static void run(String url, Path checkpoints, String name, int trials, long epochMs, boolean resume) {
        try (Store store = Store.open(url)) {
            StoreLog log = resume ? StoreLog.open(store, name) : StoreLog.create(store, name, "{\"kind\":\"test\"}", 7);
            Tuner.Builder b = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(SPACE, 7), Metric.minimize("loss"), 1, 27, 3))
                    .objective(objective(epochMs)).workers(2).maxTrials(trials).log(log, checkpoints, name);
            (resume ? b.resume() : b).run();
        }
    }

    /** MO-ASHA over loss and size = x, where x above 0.9 is infeasible (excess = x - 0.9). */
    static void runTwoObjectives(String url, Path checkpoints, String name, int trials) {
        Metric metric = Metric.minimize("loss").withObjectives(Metric.minimize("size")).withConstraint("excess");
        try (Store store = Store.open(url)) {
            StoreLog log = StoreLog.create(store, name, "{\"kind\":\"test\"}", 7);
            Objective trade = (config, ctx) -> {
                double x = config.getDouble("x");
                for (long r = ctx.resumeFrom() + 1; r <= ctx.maxResource(); r++) {
                    if (!ctx.report(r, Map.of("loss", 1 - x + 1.0 / r, "size", x, "excess", x - 0.9))) {
                        return;
                    }
                }
            };
            Tuner.builder().scheduler(new MoAshaScheduler(new RandomSearcher(SPACE, 7), metric, 1, 9, 3, RungScheduler.Type.PROMOTION))
                    .objective(trade).workers(2).maxTrials(trials).log(log, checkpoints, name).run();
        }
    }

    static Objective objective(long epochMs) {
        return (config, ctx) -> {
            long done = ctx.loadCheckpoint().map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
            double x = config.getDouble("x");
            for (long r = done + 1; r <= ctx.maxResource(); r++) {
                if (epochMs > 0) {
                    try {
                        Thread.sleep(epochMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                boolean goOn = ctx.report(r, Map.of("loss", (x - 0.3) * (x - 0.3) + 1.0 / r));
                ctx.saveCheckpoint(ByteBuffer.allocate(8).putLong(r).array());
                if (!goOn) {
                    return;
                }
            }
        };
    }
}
