package dev.ladder.store;

import dev.ladder.core.tune.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: the store alone, without the tuner. Commits N journal events through {@link EventLog#commit}
 * in groups of 1, 8 and 64 (one group per commit, as the tuner hands them over) to a JSON-lines file, a
 * SQLite file ({@link StoreLog}, with its lease, trial rows and result rows) and embedded PostgreSQL, and
 * prints events/s for each; then reads the store's journal back. The events are those of trials' lives
 * ({@link TrialLifeEvents}), so every group touches trial rows and result rows as a real run does.
 * Run from the test classpath:
 * {@code java -cp <test classpath> dev.ladder.store.JournalBench [events] [group sizes, e.g. 1,8,64] [jsonl,sqlite,postgresql]}.
 */
public final class JournalBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int[] groups = Arrays.stream((args.length > 1 ? args[1] : "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> targets = List.of((args.length > 2 ? args[2] : "jsonl,sqlite,postgresql").split(","));
        Path dir = Files.createTempDirectory("ladder-bench");
        for (int group : groups) {
            if (targets.contains("jsonl")) {
                try (EventLog log = EventLog.jsonl(dir.resolve("events-" + group + ".jsonl"))) {
                    write("jsonl", log, n, group);
                }
            }
            if (targets.contains("sqlite")) {
                store("sqlite", dir.resolve("ladder-runs-" + group).toString(), n, group);
            }
        }
        if (targets.contains("postgresql")) {
            try (TestPostgres pg = TestPostgres.start()) {
                for (int group : groups) {
                    store("postgresql", pg.freshDatabase("bench" + group), n, group);
                }
            }
        }
    }

    private static void store(String name, String location, int n, int group) {
        try (Store store = Store.open(location)) {
            try (StoreLog log = StoreLog.create(store, "bench", "{}", 1)) {
                write(name, log, n, group);
            }
            long id = store.experiment("bench").orElseThrow().id();
            long t0 = System.nanoTime();
            int read = store.events(id, 1).size();
            double s = (System.nanoTime() - t0) / 1e9;
            if (read != n) {
                throw new IllegalStateException("read " + read + " events, wrote " + n);
            }
            System.out.printf("%-10s read %,d events: %.3f s = %,.0f events/s%n", name, n, s, n / s);
        }
    }

    private static void write(String name, EventLog log, int n, int group) {
        long t0 = System.nanoTime();
        for (long seq = 1; seq <= n; seq += group) {
            log.commit(TrialLifeEvents.group(seq, (int) Math.min(group, n - seq + 1)));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-10s write %,d events in groups of %2d: %6.2f s = %,7.0f events/s (%,.0f commits/s)%n",
                name, n, group, s, n / s, Math.ceil((double) n / group) / s);
    }
}
