package dev.ladder.process;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A child-JVM main for the Slurm kill test: runs (or, when its journal exists, resumes) experiment NAME in
 * folder OUT, FIFO up to MAX_RESOURCE over {@code bash SCRIPT {x}} as Slurm jobs, two at once, each epoch
 * taking EPOCH seconds. Args: OUT NAME SCRIPT PARTITION TRIALS MAX_RESOURCE EPOCH.
 */
public final class SlurmExperimentMain {
    public static void main(String[] args) {
        System.out.println(builder(Path.of(args[0]), args[1], Path.of(args[2]), args[3], Integer.parseInt(args[4]),
                Long.parseLong(args[5]), args[6]).run().stopReason());
    }

    static Tuner.Builder builder(Path out, String name, Path script, String partition, int trials, long maxResource, String epoch) {
        SlurmExecutor executor = SlurmExecutor.builder(List.of("bash", script.toString(), "{x}")).workers(2).env("EPOCH", epoch)
                .slurm(new SlurmOptions(partition, "10", null, 1, null, null, List.of()))
                .pollInterval(Duration.ofMillis(200)).gracePeriod(Duration.ofSeconds(2)).build();
        Tuner.Builder b = Tuner.builder()
                .scheduler(new FifoScheduler(new RandomSearcher(SearchSpace.builder().real("x", 0, 1).build(), 7),
                        Metric.minimize("loss"), maxResource))
                .executor(executor).maxTrials(trials).output(out, name);
        return Files.exists(out.resolve(name).resolve("events.jsonl")) ? b.resume() : b;
    }
}
