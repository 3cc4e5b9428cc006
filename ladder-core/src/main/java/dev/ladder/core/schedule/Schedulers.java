package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.search.Searcher;
import java.util.List;

/** Schedulers by the names used everywhere (CLI, YAML, Java). */
public final class Schedulers {
    public static final List<String> NAMES = List.of("fifo", "sha", "hyperband", "asha", "asha-stopping",
            "async-hyperband", "async-hyperband-stopping", "adaptive", "median", "pasha", "rush", "rush-stopping");

    private Schedulers() {
    }

    /** The scheduler called {@code name} with default settings; fails listing the known names. */
    public static Scheduler create(String name, Searcher searcher, Metric metric,
                                   long minResource, long maxResource, long eta) {
        return create(SchedulerSpec.of(name, minResource, maxResource, eta), searcher, metric);
    }

    public static Scheduler create(SchedulerSpec spec, Searcher searcher, Metric metric) {
        RungScheduler.Type promotion = RungScheduler.Type.PROMOTION;
        RungScheduler.Type stopping = RungScheduler.Type.STOPPING;
        return switch (spec.name()) {
            case "fifo" -> new FifoScheduler(searcher, metric, spec.requireMax());
            case "sha" -> SynchronousHyperband.sha(searcher, metric, shaTrials(spec), spec.minResource(),
                    spec.requireMax(), spec.eta(), spec.earlyStoppingRate());
            case "hyperband" -> SynchronousHyperband.hyperband(searcher, metric, spec.minResource(), spec.requireMax(), spec.eta());
            case "asha" -> new AshaScheduler(searcher, metric, spec.minResource(), spec.maxResource(), spec.eta(), promotion);
            case "asha-stopping" -> new AshaScheduler(searcher, metric, spec.minResource(), spec.maxResource(), spec.eta(), stopping);
            case "async-hyperband", "async-hyperband-stopping" -> new AsyncHyperbandScheduler(searcher, metric,
                    spec.minResource(), spec.requireMax(), spec.eta(),
                    spec.name().endsWith("stopping") ? stopping : promotion, spec.brackets(), spec.rungsPerBracket(), spec.seed());
            case "adaptive" -> {
                if (spec.trials() == null) {
                    throw new IllegalArgumentException("scheduler 'adaptive' needs the number of trials (max trials)");
                }
                yield new AdaptiveScheduler(searcher, metric, spec.trials(), spec.requireMax(), spec.mode());
            }
            case "pasha" -> new PashaScheduler(searcher, metric, spec.minResource(), spec.requireMax(), spec.eta(), null);
            case "rush", "rush-stopping" -> new RushScheduler(searcher, metric, spec.minResource(), spec.requireMax(), spec.eta(),
                    spec.name().equals("rush") ? promotion : stopping, spec.arms());
            case "median" -> new MedianStoppingRule(searcher, metric, spec.minResource(), spec.requireMax(), spec.eta(), spec.minSamples());
            default -> throw new IllegalArgumentException("unknown scheduler '" + spec.name() + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** SHA's n by default: eta^(s_max - s), the fewest configurations that still bring one to r_max. */
    private static long shaTrials(SchedulerSpec spec) {
        if (spec.trials() != null) {
            return spec.trials();
        }
        long[] levels = RungLevels.of(spec.minResource(), spec.requireMax(), spec.eta());
        long n = 1;
        for (int i = 0; i < levels.length - 1 - spec.earlyStoppingRate(); i++) {
            n *= spec.eta();
        }
        return n;
    }
}
