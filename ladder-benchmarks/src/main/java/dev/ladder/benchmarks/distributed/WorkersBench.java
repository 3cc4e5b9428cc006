package dev.ladder.benchmarks.distributed;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.store.JdbcStore;
import dev.ladder.store.RemoteExecutor;
import dev.ladder.store.StoreLog;
import dev.ladder.store.Worker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Trials per second of a real tuner ({@link RemoteExecutor}, a journal in PostgreSQL) with its trials run by
 * {@code W} worker processes of {@code S} slots each ({@link Worker}), every trial one job that reports once
 * and ends: so trials per second are jobs leased per second. The experiment runs {@code W x S + ahead} trials at once,
 * so that {@code ahead} jobs wait queued for the next free slot. A trial takes {@code --trial-seconds} (0: a
 * no-op); with non-zero trials the line also gives the workers' utilisation, trial time over slot time from
 * the first to the last trial. Each configuration gets fresh worker processes, which first run a warm-up
 * experiment of no-op trials ({@code --warmup}, by default 200 per slot, so that the JIT has compiled the hot paths as in a worker that has lived long; not measured); the clock runs over the measured
 * experiment's {@link Tuner#run()}. One JSON line per run.
 * <pre>
 * WorkersBench --postgresql JDBC_URL [--workers 1x64,4x16,16x4] [--trials 5000] [--trial-seconds 0] [--repeat 1] [--ahead 0] [--warmup TRIALS]
 * WorkersBench worker JDBC_URL SLOTS TRIAL_SECONDS NAME    (a worker process, started by the bench)
 * </pre>
 */
public final class WorkersBench {
    private static final String WARMUP = "-warmup";
    /** The worker processes' JVM options: as {@code ladder worker} is launched, or {@code -Dladder.bench.workerJvm="..."}. */
    private static final List<String> WORKER_JVM = List.of(System.getProperty("ladder.bench.workerJvm",
            String.join(" ", Worker.JVM_OPTIONS)).split(" ")).stream().filter(o -> !o.isBlank()).toList();
    /** No-op trials in the warm-up experiment by default, per slot and at least per worker: enough for the JIT. */
    private static final int WARMUP_PER_SLOT = 200;
    private static final int WARMUP_PER_WORKER = 2000;
    private static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]), args[4]);
            return;
        }
        String url = null;
        List<String> shapes = List.of("1x64", "4x16", "16x4");
        int trials = 5000;
        double seconds = 0;
        int repeat = 1;
        int ahead = 0;
        int warmup = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--postgresql" -> url = args[i + 1];
                case "--workers" -> shapes = List.of(args[i + 1].split(","));
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--trial-seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--ahead" -> ahead = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--postgresql JDBC_URL is required (docs/scripts/embedded-postgres.sh starts one)");
        }
        int n = 0;
        for (int r = 0; r < repeat; r++) {
            for (String shape : shapes) {
                String[] ws = shape.split("x");
                System.out.println(run(url, "bench-" + ProcessHandle.current().pid() + "-" + n++, Integer.parseInt(ws[0]),
                        Integer.parseInt(ws[1]), trials, seconds, ahead, warmup));
            }
        }
    }

    private static String run(String url, String name, int workers, int slots, int trials, double seconds, int ahead, int warmupTrials) throws Exception {
        List<Process> procs = new ArrayList<>();
        Path logs = Files.createTempDirectory("workers-bench");
        try (JdbcStore store = JdbcStore.open(url)) {
            for (int i = 0; i < workers; i++) {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                cmd.addAll(WORKER_JVM);
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkersBench.class.getName(), "worker", url,
                        Integer.toString(slots), Double.toString(seconds), name + "-" + i));
                procs.add(new ProcessBuilder(cmd)
                        .redirectErrorStream(true).redirectOutput(logs.resolve("worker-" + i + ".log").toFile()).start());
            }
            long deadline = System.nanoTime() + 120_000_000_000L; // the clock starts once every worker is up
            while (store.workers().stream().filter(w -> w.state().equals("alive") && w.name().startsWith(name + "-")).count() < workers) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the worker processes did not start within 2 minutes; logs in " + logs);
                }
                Thread.sleep(50);
            }
            int warmup = warmupTrials >= 0 ? warmupTrials // long-lived workers are warm
                    : Math.max(WARMUP_PER_SLOT * workers * slots, WARMUP_PER_WORKER * workers);
            experiment(store, name + WARMUP, workers * slots + ahead, warmup, logs);
            long t0 = System.nanoTime();
            TuningResult r = experiment(store, name, workers * slots + ahead, trials, logs);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long done = r.trials().size();
            String utilisation = seconds > 0 ? String.format(Locale.ROOT, ", \"utilisation\": %.4f",
                    done * seconds / (workers * slots * elapsed)) : "";
            return String.format(Locale.ROOT, "{\"workers\": %d, \"slots\": %d, \"ahead\": %d, \"warmup\": %d, \"trials\": %d, \"trial_seconds\": %s,"
                    + " \"seconds\": %.3f, \"trials_per_s\": %.1f%s}", workers, slots, ahead, warmup, done, seconds, elapsed, done / elapsed, utilisation);
        } finally {
            for (Process p : procs) {
                p.destroy(); // SIGTERM: the worker stops and marks itself stopped
            }
            for (Process p : procs) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            if (System.getenv("KEEP_LOGS") == null) {
                deleteRecursively(logs);
            } else {
                System.err.println("logs in " + logs);
            }
        }
    }

    /** Runs one experiment of {@code trials} no-op trials, {@code slots} at once, on the workers. */
    private static TuningResult experiment(JdbcStore store, String name, int slots, int trials, Path logs) {
        StoreLog log = StoreLog.create(store, name, "{}", 0);
        try (RemoteExecutor remote = new RemoteExecutor(store, log.experiment().id(), slots, System.err::println)) {
            return Tuner.builder().scheduler(new FifoScheduler(new RandomSearcher(SPACE, 0), Metric.minimize("loss"), 1))
                    .executor(remote).maxTrials(trials).log(log, logs.resolve("checkpoints-" + name), name).build().run();
        }
    }

    /** A worker whose every job sleeps {@code seconds}, reports once at its target and ends. */
    private static void worker(String url, int slots, double seconds, String name) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trial-timer");
            t.setDaemon(true);
            return t;
        });
        System.setProperty("ladder.store.connections", "2"); // as ladder worker
        try (JdbcStore store = JdbcStore.open(url)) {
            Worker w = new Worker(store, name, slots, Duration.ofSeconds(30),
                    experiment -> new NoOp(timer, experiment.name().endsWith(WARMUP) ? 0 : seconds), line -> System.out.println(java.time.Instant.now() + " " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(w::stop));
            w.run();
        }
    }

    /** One job: after {@code seconds}, one report at the target, then the end. */
    private record NoOp(ScheduledExecutorService timer, double seconds) implements Executor {
        @Override
        public int slots() {
            return 1;
        }

        @Override
        public void start(Job job, Consumer<TrialEvent> events) {
            Runnable report = () -> events.accept(new TrialEvent.Reported(job.trialId(), job.maxResource(),
                    Map.of("loss", job.config().getDouble("x")), goOn -> events.accept(new TrialEvent.Ended(job.trialId()))));
            if (seconds > 0) {
                timer.schedule(report, Math.round(seconds * 1e6), TimeUnit.MICROSECONDS);
            } else {
                report.run();
            }
        }

        @Override
        public void close() {
        }
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
