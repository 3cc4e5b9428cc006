package dev.ladder.cli.chaos;

import dev.ladder.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The chaos test of one workload: an uninterrupted reference run, then the same experiment in a
 * child JVM that is SIGKILLed at {@code kills} seeded moments and resumed with {@code ladder resume}
 * after each, until it finishes; then the {@link Audit} of the two journals, the orphan count and the
 * checkpoint folders the trial wrapper saw taken over.
 *
 * <p>Kill moments are measured in journaled results, the run's progress: kill k comes once the
 * journal holds at least {@code t_k} results and the current Ladder JVM has journaled something of its
 * own, where {@code t_k} is drawn uniformly (seeded) from the k-th of {@code kills + 1} equal slices
 * of the reference run's result count, so the kills spread over the whole run.
 */
public final class ChaosRun {
    static final String REFERENCE = "reference";
    static final String CHAOS = "chaos";
    private static final long MINUTES = 30;

    private ChaosRun() {
    }

    /**
     * Runs {@code workload} in folder {@code dir} (which must not exist yet), reporting each kill on
     * {@code progress}; the examples (for process workloads) are read from {@code examples}.
     */
    static Figures run(Workload workload, Path examples, Path dir, int kills, long seed, PrintWriter progress)
            throws IOException, InterruptedException {
        dir = dir.toAbsolutePath().normalize(); // trial commands run in the spec's folder: their paths must not be relative
        Files.createDirectories(dir);
        Path out = dir.resolve("runs");
        Path log = dir.resolve("ladder.log");
        Files.writeString(Workload.conflicts(dir), "");
        int code = LadderJvm.start(log, workload.runArgs(examples, dir, out, REFERENCE)).await(MINUTES);
        if (code != 0) {
            throw new IllegalStateException(workload.name() + ": the uninterrupted run exited with " + code + "; see " + log);
        }
        try (Store store = Store.open(out.toString())) {
            RunRecord reference = RunRecord.read(store, REFERENCE);
            long[] moments = moments(reference.results().size(), kills, seed);
            int done = 0;
            String status;
            List<String> orphans;
            try (OrphanWatch watch = new OrphanWatch(out.resolve(CHAOS))) {
                LadderJvm jvm = LadderJvm.start(log, workload.runArgs(examples, dir, out, CHAOS));
                watch.owner(jvm.pid());
                for (long moment : moments) {
                    long since = RunRecord.lastSeq(store, CHAOS);
                    while (jvm.isAlive() && (RunRecord.resultCount(store, CHAOS) < moment
                            || RunRecord.lastSeq(store, CHAOS) <= since)) {
                        Thread.sleep(20);
                    }
                    if (!jvm.isAlive()) {
                        break; // finished before this moment: fewer kills than asked, as the table shows
                    }
                    watch.owner(-1);
                    jvm.kill();
                    done++;
                    progress.printf("%s: kill %d of %d (pid %d) after %d results, journal at event %d%n", workload.name(),
                            done, kills, jvm.pid(), RunRecord.resultCount(store, CHAOS), RunRecord.lastSeq(store, CHAOS));
                    progress.flush();
                    jvm = LadderJvm.start(log, Workload.resumeArgs(out, CHAOS));
                    watch.owner(jvm.pid());
                }
                status = finish(jvm, watch, store, log, out);
                orphans = watch.settle();
            }
            List<String> conflicts = Files.readAllLines(Workload.conflicts(dir));
            return Audit.of(workload.name(), workload.workers(), done, kills, reference, RunRecord.read(store, CHAOS), orphans,
                    conflicts, status);
        }
    }

    /** Waits for the last JVM and resumes again (at most twice) until the experiment is FINISHED; returns its status. */
    private static String finish(LadderJvm last, OrphanWatch watch, Store store, Path log, Path out)
            throws IOException, InterruptedException {
        LadderJvm jvm = last;
        for (int attempt = 0; ; attempt++) {
            int code = jvm.await(MINUTES);
            watch.ownerGone();
            dev.ladder.store.ExperimentStatus status = RunRecord.read(store, CHAOS).status();
            if (status == dev.ladder.store.ExperimentStatus.FINISHED || attempt == 2) {
                return code == 0 ? status.name() : status + " (ladder exited with " + code + ": " + lastLine(log) + ")";
            }
            jvm = LadderJvm.start(log, Workload.resumeArgs(out, CHAOS));
            watch.owner(jvm.pid());
        }
    }

    /** The kill moments, in results journaled: one seeded draw per slice of {@code results / (kills + 1)}. */
    static long[] moments(int results, int kills, long seed) {
        Random random = new Random(seed);
        long[] m = new long[kills];
        for (int k = 0; k < kills; k++) {
            m[k] = 1 + (long) ((results - 1) * (k + random.nextDouble()) / (kills + 1));
        }
        return m;
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.removeIf(String::isBlank);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
