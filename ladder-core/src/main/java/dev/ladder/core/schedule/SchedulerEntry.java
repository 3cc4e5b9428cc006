package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.registry.Parameter;
import dev.ladder.core.search.Searcher;
import java.util.List;
import java.util.Objects;

/**
 * One scheduler as the registry ({@link Schedulers}) declares it: its name, the Java class or factory
 * behind it, one line on what it does, its parameters, whether it needs a maximum resource or the
 * experiment's trial count, whether it ends on its own (with an endless searcher such as random), how
 * to build it and how to preview it. Java, YAML, the CLI flags, {@code ladder preview}, the docs table and
 * the benchmark harness all read these entries.
 */
public record SchedulerEntry(String name, String javaApi, String summary, List<Parameter> parameters,
                             boolean needsMaxResource, boolean needsTrials, boolean endsOnItsOwn,
                             Factory factory, PreviewFactory preview) {

    /** Builds the scheduler a spec describes. */
    @FunctionalInterface
    public interface Factory {
        /** A new scheduler with the spec's parameters, proposing configs from {@code searcher} and ranking by {@code metric}. */
        Scheduler create(SchedulerSpec spec, Searcher searcher, Metric metric);
    }

    /** What the scheduler a spec describes will do with {@code trials} trials, computed without running anything. */
    @FunctionalInterface
    public interface PreviewFactory {
        /** The rungs, brackets and resource the spec's scheduler would use for {@code trials} trials. */
        Preview preview(SchedulerSpec spec, int trials);
    }

    /** Rejects a null name; copies the parameters. */
    public SchedulerEntry {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    /** Whether it has a parameter called {@code parameter}. */
    public boolean has(String parameter) {
        return parameters.stream().anyMatch(p -> p.name().equals(parameter));
    }
}
