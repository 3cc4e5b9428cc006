package dev.ladder.cli;

import dev.ladder.store.JdbcStore;
import dev.ladder.store.StoreLocation;
import dev.ladder.store.Worker;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs trials of any experiment whose spec says {@code executor: remote}, leasing them from a PostgreSQL store. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run trials for experiments with executor: remote: lease their jobs from a PostgreSQL store, run "
                + "them (their command as processes, or the demo's objective here), report back, heartbeat. Start as many "
                + "as you like on any machines that reach the store and share the experiments' checkpoint_dir. Ctrl-C "
                + "or SIGTERM ends the running trials and gives them back; they resume elsewhere from their checkpoints.")
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--storage", required = true, description = "JDBC URL of the PostgreSQL store, "
            + "e.g. jdbc:postgresql://host/db?user=u&password=p.")
    String storage;

    @Option(names = "--slots", defaultValue = "1", description = "Trials run at once (default ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--name", description = "Name shown by ladder ls (default host:pid).")
    String name;

    @Option(names = "--lease", defaultValue = "30", description = "Seconds without a heartbeat after which this "
            + "worker's trials count as lost and run elsewhere (default ${DEFAULT-VALUE}; it heartbeats five times as often).")
    long leaseSeconds;

    @Override
    public Integer call() throws Exception {
        Flags.positive("--slots", slots);
        if (leaseSeconds < 1 || leaseSeconds > 86_400) {
            throw new IllegalArgumentException("--lease must be between 1 and 86400 seconds (a day: a dead worker's trials"
                    + " wait that long to run elsewhere), got " + leaseSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (StoreLocation.sqliteFile(storage).isPresent()) {
            throw new IllegalArgumentException("--storage " + StoreLocation.masked(storage) + " is a SQLite file; workers"
                    + " coordinate through PostgreSQL (jdbc:postgresql://HOST/DB?user=U): a SQLite file cannot be shared"
                    + " safely by processes on several machines");
        }
        if (System.getProperty("ladder.store.connections") == null) {
            System.setProperty("ladder.store.connections", "2"); // its loop and a read now and then; the listener has its own
        }
        try (JdbcStore store = JdbcStore.open(storage)) {
            Worker worker = new Worker(store, name != null ? name : Worker.defaultName(), slots, Duration.ofSeconds(leaseSeconds),
                    row -> TrialRunners.local(StoredSpec.read(row.specJson(), row.name()), row.name(), 1, null),
                    line -> {
                        synchronized (out) {
                            out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
                            out.flush();
                        }
                    });
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                worker.stop();
                try {
                    done.await(); // the JVM exits once the running trials are given back
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ladder-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                worker.run();
            } finally {
                done.countDown();
            }
        }
        return 0;
    }
}
