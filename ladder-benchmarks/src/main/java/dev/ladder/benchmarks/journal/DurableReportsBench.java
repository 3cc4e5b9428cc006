package dev.ladder.benchmarks.journal;

import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reports per second of the real Tuner on {@link ReportsWorkload} (an in-process objective, one worker),
 * with each journal in turn: {@code none} (no output), {@code jsonl} ({@code .output(dir, name)}),
 * {@code sqlite} (a {@link StoreLog} on a fresh file) and {@code postgresql} (a {@link StoreLog} on the
 * database of {@code --postgresql URL}). The clock runs over {@link Tuner#run()} only: opening the store and
 * creating the experiment come before it, as creating the study does in the Optuna harness. One JSON line
 * per run on stdout; a temporary folder is deleted at the end, a {@code --dir} is kept. First a warm-up run without a journal (not printed) lets the JIT compile the loop.
 * <pre>
 * DurableReportsBench [--trials 1000] [--journals none,jsonl,sqlite,postgresql] [--postgresql JDBC_URL]
 *                     [--repeat 1] [--warmup 1000] [--seed 0] [--dir FOLDER]
 * </pre>
 */
public final class DurableReportsBench {
    public static final List<String> JOURNALS = List.of("none", "jsonl", "sqlite", "postgresql");

    /** One measured run. */
    public record Run(String journal, int trials, long reports, double seconds) {
        public double reportsPerSecond() {
            return reports / seconds;
        }

        public String json() {
            return String.format(Locale.ROOT, "{\"side\": \"ladder\", \"journal\": \"%s\", \"trials\": %d, \"reports\": %d,"
                    + " \"seconds\": %.4f, \"reports_per_s\": %.1f, \"us_per_report\": %.3f}",
                    journal, trials, reports, seconds, reportsPerSecond(), seconds * 1e6 / reports);
        }
    }

    public static void main(String[] args) throws IOException {
        int trials = 1000;
        int repeat = 1;
        int warmup = 1000;
        long seed = 0;
        List<String> journals = JOURNALS;
        String postgresql = null;
        Path dir = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(value);
                case "--repeat" -> repeat = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--journals" -> journals = List.of(value.split(","));
                case "--postgresql" -> postgresql = value;
                case "--dir" -> dir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --trials, --journals, --postgresql, --repeat, --warmup, --seed, --dir)");
            }
        }
        for (String j : journals) {
            if (!JOURNALS.contains(j)) {
                throw new IllegalArgumentException("unknown journal '" + j + "' (known: " + String.join(", ", JOURNALS) + ")");
            }
        }
        if (journals.contains("postgresql") && postgresql == null) {
            throw new IllegalArgumentException("journal 'postgresql' needs --postgresql JDBC_URL"
                    + " (docs/scripts/embedded-postgres.sh starts a server)");
        }
        Path folder = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ladder-durable-bench");
        if (warmup > 0) {
            run("none", warmup, seed, folder, null, 0);
        }
        for (int round = 0; round < repeat; round++) {
            for (String journal : journals) {
                System.out.println(run(journal, trials, seed, folder, postgresql, round).json());
            }
        }
        if (dir == null) {
            deleteRecursively(folder);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One run of {@code trials} trials with {@code journal}, in a fresh file or experiment under {@code folder}. */
    public static Run run(String journal, int trials, long seed, Path folder, String postgresql, int round) throws IOException {
        ReportsWorkload workload = new ReportsWorkload();
        String name = "issue14-" + journal + "-" + round + "-" + System.currentTimeMillis();
        Tuner.Builder tuner = Tuner.builder().scheduler(ReportsWorkload.scheduler(seed)).objective(workload.objective())
                .workers(1).maxTrials(trials);
        Store store = switch (journal) {
            case "sqlite" -> Store.open(Files.createDirectories(folder.resolve(name)).resolve("ladder.db").toString());
            case "postgresql" -> Store.open(postgresql);
            default -> null;
        };
        try {
            if (store != null) {
                tuner.log(StoreLog.create(store, name, "{}", seed), folder.resolve(name).resolve("checkpoints"), name);
            } else if (journal.equals("jsonl")) {
                tuner.output(folder, name);
            }
            long t0 = System.nanoTime();
            TuningResult result = tuner.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (result.trials().size() != trials) {
                throw new IllegalStateException(journal + ": ran " + result.trials().size() + " trials of " + trials
                        + " (" + result.stopReason() + ")");
            }
            return new Run(journal, trials, workload.reports(), seconds);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
