package dev.ladder.core.tune;

import dev.ladder.core.Best;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.pareto.ParetoFront;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an experiment: every trial, the best result, why it stopped and where its files are; with
 * several objectives, the Pareto front and its hypervolume over time.
 */
public record TuningResult(String experiment, List<Trial> trials, Optional<Best> best, String stopReason,
                           Duration elapsed, long totalResource, Optional<Path> directory, Optional<ParetoFront> front) {

    /** A result with a single objective: no Pareto front. */
    public TuningResult(String experiment, List<Trial> trials, Optional<Best> best, String stopReason,
                        Duration elapsed, long totalResource, Optional<Path> directory) {
        this(experiment, trials, best, stopReason, elapsed, totalResource, directory, Optional.empty());
    }

    /** How many trials ended in each status, every status present (0 for none). */
    public Map<TrialStatus, Integer> countByStatus() {
        Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
        for (TrialStatus s : TrialStatus.values()) {
            counts.put(s, 0);
        }
        trials.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        return counts;
    }
}
