package dev.ladder.store;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.JournalReplay;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Not a test: runs a real experiment of N trials (ASHA, r = 1..27, eta = 3, two worker threads, an
 * instant objective) journaling into the store through {@link StoreLog} as the tuner does (one
 * transaction per event group), then replays its journal into a fresh scheduler as a resume does.
 * Prints the write throughput and the replay time, on a SQLite file and on embedded PostgreSQL.
 * Run from the test classpath: {@code java -cp <test classpath> dev.ladder.store.ReplayBench [trials] [sqlite|postgresql]}.
 */
public final class ReplayBench {
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> dbs = args.length > 1 ? List.of(args[1]) : List.of("sqlite", "postgresql");
        Path dir = Files.createTempDirectory("ladder-replay-bench");
        if (dbs.contains("sqlite")) {
            run("sqlite", dir.resolve("ladder-runs").toString(), dir, trials);
        }
        if (dbs.contains("postgresql")) {
            try (TestPostgres pg = TestPostgres.start()) {
                run("postgresql", pg.freshDatabase("bench"), dir, trials);
            }
        }
    }

    private static Scheduler asha() {
        return new AshaScheduler(new RandomSearcher(QuadraticObjective.SPACE, 1), Metric.minimize("loss"), 1, 27, 3);
    }

    private static void run(String name, String location, Path dir, int trials) {
        try (Store store = Store.open(location)) {
            long t0 = System.nanoTime();
            Tuner.builder().scheduler(asha()).workers(2).maxTrials(trials)
                    .objective((config, ctx) -> {
                        double x = config.getDouble("x");
                        for (long r = ctx.resumeFrom() + 1; r <= ctx.maxResource(); r++) {
                            if (!ctx.report(r, Map.of("loss", (x - 0.3) * (x - 0.3) + 1.0 / r))) {
                                return;
                            }
                        }
                    })
                    .log(StoreLog.create(store, "bench", "{}", 1), dir.resolve(name), "bench").run();
            double write = (System.nanoTime() - t0) / 1e9;
            long id = store.experiment("bench").orElseThrow().id();
            long events = store.lastSeq(id);
            int results = store.results(id).size();

            long t1 = System.nanoTime();
            JournalReplay replay = new JournalReplay(asha(), new dev.ladder.core.journal.ExperimentState(null, null));
            try (StoreLog log = StoreLog.open(store, "bench")) {
                log.read(replay);
            }
            double replayS = (System.nanoTime() - t1) / 1e9;
            if (replay.state().events() != events || replay.state().trials().size() != trials) {
                throw new IllegalStateException("replayed " + replay.state().events() + " events and " + replay.state().trials().size()
                        + " trials of " + events + " and " + trials);
            }
            System.out.printf("%-10s %,d trials, %,d events, %,d results: run with journal %.1f s = %,.0f events/s;"
                            + " replay %.2f s = %,.0f events/s (%,d scheduler calls)%n", name, trials, events, results,
                    write, events / write, replayS, events / replayS, replay.calls());
        }
    }
}
