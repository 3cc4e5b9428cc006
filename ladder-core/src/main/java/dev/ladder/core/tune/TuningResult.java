package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of an experiment: every trial, the best result, why it stopped and where its files are. */
public record TuningResult(String experiment, List<Trial> trials, Optional<Best> best, String stopReason,
                           Duration elapsed, long totalResource, Optional<Path> directory) {

    /**
     * The best result: among results at the highest resource any trial reached, the best metric value
     * (values measured at different resources are not compared).
     */
    public record Best(int trialId, Config config, long resource, double value) {
        /** {@code best} after {@code result} of {@code trial}: a higher resource wins, then the better value. */
        static Best update(Best best, Trial trial, Result result, Metric metric) {
            double value = result.value(metric);
            if (best == null || result.resource() > best.resource()
                    || (result.resource() == best.resource() && metric.better(value, best.value()))) {
                return new Best(trial.id(), trial.config(), result.resource(), value);
            }
            return best;
        }
    }

    public Map<TrialStatus, Integer> countByStatus() {
        Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
        for (TrialStatus s : TrialStatus.values()) {
            counts.put(s, 0);
        }
        trials.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        return counts;
    }
}
