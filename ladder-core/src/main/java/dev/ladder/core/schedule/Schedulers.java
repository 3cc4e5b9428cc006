package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.search.Searcher;
import java.util.List;

/** Schedulers by the names used everywhere (CLI, YAML, Java). */
public final class Schedulers {
    public static final List<String> NAMES = List.of("fifo", "asha");

    private Schedulers() {
    }

    /** The scheduler called {@code name}; fails listing the known names. */
    public static Scheduler create(String name, Searcher searcher, Metric metric,
                                   long minResource, long maxResource, long eta) {
        return switch (name) {
            case "fifo" -> new FifoScheduler(searcher, metric, maxResource);
            case "asha" -> new AshaScheduler(searcher, metric, minResource, maxResource, eta);
            default -> throw new IllegalArgumentException("unknown scheduler '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
