package dev.ladder.process;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child-JVM main for the kill tests: runs (or, when its journal exists, resumes) experiment NAME in
 * folder OUT, FIFO up to MAX_RESOURCE over {@code bash SCRIPT {x}} on two workers.
 * Args: OUT NAME SCRIPT TRIALS MAX_RESOURCE.
 */
public final class ProcessExperimentMain {
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        String name = args[1];
        ProcessExecutor executor = ProcessExecutor.builder(List.of("bash", args[2], "{x}")).workers(2)
                .env("OUT", out.toString()).gracePeriod(java.time.Duration.ofMillis(500)).build();
        Tuner.Builder b = Tuner.builder()
                .scheduler(new FifoScheduler(new RandomSearcher(SearchSpace.builder().real("x", 0, 1).build(), 7),
                        Metric.minimize("loss"), Long.parseLong(args[4])))
                .executor(executor).maxTrials(Integer.parseInt(args[3])).output(out, name);
        System.out.println((Files.exists(out.resolve(name).resolve("events.jsonl")) ? b.resume() : b).run().stopReason());
    }
}
