package dev.ladder.benchmarks.journal;

import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.tune.EventLog;
import dev.ladder.core.tune.Tuner;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import dev.ladder.sim.SyntheticBlackbox;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What writing the journal costs in simulation: ASHA (r = 1..81, eta = 3, random search) on the simulator's
 * synthetic blackbox ({@code synthetic:81}), N trials, 4 simulated workers, through the real Tuner and
 * {@link SimulatedExecutor}; once without a journal, once with the JSON-lines journal and results.csv
 * ({@code .output(dir, name)}), once with the journal alone ({@code .resultsTable(false)}), once with a log
 * that drops every group (the journal's work without files): first a
 * warm-up run of each kind, then {@link #ROUNDS} rounds of the four in turn. Prints one
 * JSON line per run (simulated reports per second of wall time, and the CPU time of the loop's thread) and
 * the three ratios of the medians, in wall time and in the loop's CPU time (which other load on the
 * machine barely moves).
 * <pre>
 * SimJournalBench [trials (100000)] [folder for the journals (else a temporary one, deleted at the end)]
 * </pre>
 */
public final class SimJournalBench {
    static final int WORKERS = 4;

    public static void main(String[] args) throws IOException {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path folder = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("ladder-sim-bench");
        String[] kinds = {"none", "jsonl", "jsonl-no-table", "no-files"};
        for (String kind : kinds) { // every path warm before any is measured: the JIT favours what runs last
            run(trials, kind.equals("none") ? null : folder, "warmup-" + kind);
        }
        double[][] perSecond = new double[kinds.length][ROUNDS];
        double[][] loopCpu = new double[kinds.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) { // in turn, so that drifts of the machine hit all alike
            for (int k = 0; k < kinds.length; k++) {
                double[] measured = run(trials, kinds[k].equals("none") ? null : folder, kinds[k]);
                perSecond[k][round] = measured[0];
                loopCpu[k][round] = measured[1];
            }
        }
        double none = median(perSecond[0]);
        System.out.printf(Locale.ROOT, "{\"side\": \"ladder-sim\", \"cost_of_jsonl\": %.2f, \"cost_of_journal_only\": %.2f,"
                + " \"cost_without_files\": %.2f}%n", none / median(perSecond[1]), none / median(perSecond[2]), none / median(perSecond[3]));
        // the same in the loop thread's CPU time: what the journal adds to the loop, whatever else runs on the machine
        double noneCpu = median(loopCpu[0]);
        System.out.printf(Locale.ROOT, "{\"side\": \"ladder-sim\", \"loop_cpu_cost_of_jsonl\": %.2f, \"loop_cpu_cost_of_journal_only\": %.2f,"
                + " \"loop_cpu_cost_without_files\": %.2f}%n", median(loopCpu[1]) / noneCpu, median(loopCpu[2]) / noneCpu, median(loopCpu[3]) / noneCpu);
        if (args.length < 2) {
            DurableReportsBench.deleteRecursively(folder);
        }
    }

    /** Measured runs of each kind; the ratios compare their medians. */
    static final int ROUNDS = 5;

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    /**
     * One simulated run, journaling as JSON lines under {@code folder} when it is not null; returns reports/s
     * and the CPU seconds of the thread that ran the loop.
     */
    static double[] run(int trials, Path folder, String label) {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1.0);
        SimulatedExecutor sim = new SimulatedExecutor(box, WORKERS, 0, FailureModel.NONE);
        Tuner.Builder tuner = Tuner.builder().executor(sim).maxTrials(trials)
                .scheduler(Schedulers.asha().maxResource(81L).build(new RandomSearcher(box.space(), 0), box.metric()));
        if (label.endsWith("no-files")) { // the journal's work (events, encoding, the writer) with a log that drops every group
            tuner.log(new EventLog() {
                @Override
                public long read(Consumer<JournalEntry> action) {
                    return 0;
                }

                @Override
                public void commit(JournalBatch batch) {
                }
            }, folder.resolve("checkpoints-" + label), "no-files");
        } else if (folder != null) {
            tuner.output(folder, label + "-" + System.currentTimeMillis()).resultsTable(!label.endsWith("no-table"));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        tuner.run(); // the loop runs on this thread
        double seconds = (System.nanoTime() - t0) / 1e9;
        double loopCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double perSecond = sim.reports() / seconds;
        if (!label.startsWith("warmup")) {
            System.out.printf(Locale.ROOT, "{\"side\": \"ladder-sim\", \"journal\": \"%s\", \"trials\": %d, \"workers\": %d,"
                    + " \"reports\": %d, \"seconds\": %.3f, \"reports_per_s\": %.0f, \"loop_cpu_s\": %.3f}%n",
                    label, trials, WORKERS, sim.reports(), seconds, perSecond, loopCpu);
        }
        return new double[] {perSecond, loopCpu};
    }
}
