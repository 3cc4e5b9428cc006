package dev.ladder.process;

import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the cost of running trials as processes. N trials of a shell program that works for
 * S seconds (sleep) and reports once run on W workers through the real tuner; prints the wall time,
 * the busy time of the worker slots (each job from its start to its end, as the tuner sees them),
 * utilisation = busy / (W x wall), and the overhead per trial launch = mean job time - S.
 * Run from the test classpath: {@code java -cp <test classpath> dev.ladder.process.ProcessBench [trials] [seconds] [workers]}.
 */
public final class ProcessBench {
    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        SearchSpace space = SearchSpace.builder().real("x", 0, 1).build();
        String script = "sleep " + seconds + "; echo \"LADDER_REPORT {\\\"resource\\\": 1, \\\"loss\\\": {x}}\"";
        Map<Integer, Long> started = new HashMap<>();
        long[] busy = {0};
        long t0 = System.nanoTime();
        TuningResult r = Tuner.builder()
                .scheduler(new FifoScheduler(new RandomSearcher(space, 1), Metric.minimize("loss"), 1))
                .executor(ProcessExecutor.builder(List.of("bash", "-c", script)).workers(workers).build())
                .maxTrials(trials)
                .listener(new TunerListener() {
                    @Override
                    public void onTrialStart(Trial trial, Suggestion s) {
                        started.put(trial.id(), System.nanoTime());
                    }

                    @Override
                    public void onTrialEnd(Trial trial) {
                        busy[0] += System.nanoTime() - started.get(trial.id());
                    }
                }).run();
        double wall = (System.nanoTime() - t0) / 1e9;
        long failed = r.trials().stream().filter(t -> t.status() == TrialStatus.FAILED).count();
        double busyS = busy[0] / 1e9;
        System.out.printf("%d trials of %.2f s on %d workers: wall %.2f s (ideal %.2f s); busy %.2f s; utilisation %.1f%%;"
                        + " overhead per trial launch %.1f ms; %d failed%n", trials, seconds, workers, wall,
                Math.ceil((double) trials / workers) * seconds, busyS, 100 * busyS / (workers * wall),
                1000 * (busyS / trials - seconds), failed);
    }
}
