package dev.ladder.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trial of an earlier experiment (or a CSV row group) given to a new one as prior data: its config and
 * its results in the order reported, each a resource and its metrics. Searchers that learn take these as
 * observations before their first suggestion (warm start, docs/warm-starts.md).
 */
public record PriorTrial(Config config, List<Point> results) {

    /** One report of a prior trial. */
    public record Point(long resource, Map<String, Double> metrics) {
        /** Copies the metrics; they must not be null. */
        public Point {
            metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
        }
    }

    /** Rejects a null config; copies the results. */
    public PriorTrial {
        Objects.requireNonNull(config, "config");
        results = List.copyOf(results);
    }

    /** Its result at the highest resource (the first of equals), or null without any result. */
    public Point last() {
        Point best = null;
        for (Point p : results) {
            if (best == null || p.resource() > best.resource()) {
                best = p;
            }
        }
        return best;
    }

    /**
     * The results as {@link Result}s of a trial numbered {@code id}: prior trials take negative ids
     * ({@code -1 - index}) so that they never meet a trial of the new experiment.
     */
    public List<Result> asResults(int id) {
        return results.stream().map(p -> new Result(id, p.resource(), p.metrics())).toList();
    }

    /** The id prior trial {@code index} takes in the searchers. */
    public static int idOf(int index) {
        return -1 - index;
    }
}
