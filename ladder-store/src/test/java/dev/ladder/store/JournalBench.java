package dev.ladder.store;

import dev.ladder.core.tune.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the store alone, without the tuner. Commits journal events through {@link EventLog#commit}
 * in groups of 1, 8 and 64 (one group per commit, as the tuner hands them over) to a JSON-lines file, a
 * SQLite file ({@link StoreLog}, with its lease, trial rows and result rows) and embedded PostgreSQL, and
 * prints events/s for each; then reads the store's journal back. The events are those of trials' lives
 * ({@link TrialLifeEvents}), so every group touches trial rows and result rows as a real run does. Before
 * each measurement 2,000 events in groups of 8 go to another experiment (file), untimed, to warm up the JVM.
 * Run from the test classpath:
 * {@code java -cp <test classpath> dev.ladder.store.JournalBench [group:events,... e.g. 1:5000,8:20000,64:100000] [jsonl,sqlite,postgresql]}.
 */
public final class JournalBench {
    private static final int WARM_UP = 2_000;

    public static void main(String[] args) throws Exception {
        Map<Integer, Integer> runs = new LinkedHashMap<>();
        for (String run : (args.length > 0 ? args[0] : "1:5000,8:20000,64:100000").split(",")) {
            String[] groupAndEvents = run.split(":");
            runs.put(Integer.parseInt(groupAndEvents[0]), Integer.parseInt(groupAndEvents[1]));
        }
        List<String> targets = List.of((args.length > 1 ? args[1] : "jsonl,sqlite,postgresql").split(","));
        Path dir = Files.createTempDirectory("ladder-bench");
        for (Map.Entry<Integer, Integer> run : runs.entrySet()) {
            int group = run.getKey();
            if (targets.contains("jsonl")) {
                try (EventLog warm = EventLog.jsonl(dir.resolve("warm-" + group + ".jsonl"))) {
                    write(null, warm, WARM_UP, 8);
                }
                try (EventLog log = EventLog.jsonl(dir.resolve("events-" + group + ".jsonl"))) {
                    write("jsonl", log, run.getValue(), group);
                }
            }
            if (targets.contains("sqlite")) {
                store("sqlite", dir.resolve("ladder-runs-" + group).toString(), run.getValue(), group);
            }
        }
        if (targets.contains("postgresql")) {
            try (TestPostgres pg = TestPostgres.start()) {
                for (Map.Entry<Integer, Integer> run : runs.entrySet()) {
                    store("postgresql", pg.freshDatabase("bench" + run.getKey()), run.getValue(), run.getKey());
                }
            }
        }
    }

    private static void store(String name, String location, int n, int group) {
        try (Store store = Store.open(location)) {
            try (StoreLog warm = StoreLog.create(store, "warm-up", "{}", 1)) {
                write(null, warm, WARM_UP, 8);
            }
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

    /** Commits events 1..n in groups; prints the rate under {@code name} (nothing when null: a warm-up). */
    private static void write(String name, EventLog log, int n, int group) {
        long t0 = System.nanoTime();
        for (long seq = 1; seq <= n; seq += group) {
            log.commit(TrialLifeEvents.group(seq, (int) Math.min(group, n - seq + 1)));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (name != null) {
            System.out.printf("%-10s write %,7d events in groups of %2d: %6.2f s = %,7.0f events/s (%,.0f commits/s)%n",
                    name, n, group, s, n / s, Math.ceil((double) n / group) / s);
        }
    }
}
