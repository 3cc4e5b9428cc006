package dev.ladder.core.tune;

import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which trials keep their checkpoint. Ladder keeps one checkpoint per trial, its latest (where a paused
 * trial resumes from), so Determined's save_trial_best and save_trial_latest coincide here; what is left
 * to choose is save_experiment_best: {@link #all()} keeps every checkpoint (the default), {@link #best(int)}
 * keeps those of the n best trials (ranked as the best result is chosen: highest resource reached, then
 * the better value there) and deletes a checkpoint once its trial can no longer use it: when the trial
 * completed, stopped or failed, and, when the experiment finishes, for paused trials too (extending it
 * later retrains those from scratch).
 */
public record CheckpointPolicy(int keepBest, boolean keepAll) {
    public CheckpointPolicy {
        if (!keepAll && keepBest < 0) {
            throw new IllegalArgumentException("checkpoints to keep must be >= 0, got " + keepBest);
        }
    }

    public static CheckpointPolicy all() {
        return new CheckpointPolicy(0, true);
    }

    public static CheckpointPolicy best(int n) {
        return new CheckpointPolicy(n, false);
    }

    /** Parses {@code all} or {@code best:N}. */
    public static CheckpointPolicy parse(String text) {
        if (text.equals("all")) {
            return all();
        }
        if (text.startsWith("best:")) {
            try {
                return best(Integer.parseInt(text.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error naming the value
            }
        }
        throw new IllegalArgumentException("checkpoint policy '" + text + "' is not 'all' or 'best:N' (N >= 0)");
    }

    @Override
    public String toString() {
        return keepAll ? "all" : "best:" + keepBest;
    }

    /** The trials' standing for this policy: each trial's value at its last resource, ranked. */
    static final class Ranking {
        private final CheckpointPolicy policy;
        private final Metric metric;
        private final Map<Integer, double[]> last = new HashMap<>(); // trial -> {resource, value}
        private final TreeSet<Integer> ranked;

        Ranking(CheckpointPolicy policy, Metric metric) {
            this.policy = policy;
            this.metric = metric;
            Comparator<Integer> byResource = Comparator.comparingDouble(id -> -last.get(id)[0]);
            Comparator<Integer> byValue = (a, b) -> metric.better(last.get(a)[1], last.get(b)[1]) ? -1
                    : metric.better(last.get(b)[1], last.get(a)[1]) ? 1 : 0;
            this.ranked = new TreeSet<>(byResource.thenComparing(byValue).thenComparing(Comparator.naturalOrder()));
        }

        void report(int trial, long resource, double value) {
            if (policy.keepAll) {
                return;
            }
            if (last.containsKey(trial)) {
                ranked.remove(trial);
            }
            last.put(trial, new double[] {resource, value});
            ranked.add(trial);
        }

        Set<Integer> best() {
            return ranked.stream().limit(policy.keepBest).collect(Collectors.toSet());
        }

        /** Whether {@code trial}'s checkpoint goes now; {@code finished}: the experiment ended for good. */
        boolean discard(Trial trial, boolean finished) {
            if (policy.keepAll || trial.checkpoint().isEmpty()) {
                return false;
            }
            boolean done = trial.status() == TrialStatus.COMPLETED || trial.status() == TrialStatus.STOPPED
                    || trial.status() == TrialStatus.FAILED || (finished && trial.status() == TrialStatus.PAUSED);
            return done && !best().contains(trial.id());
        }
    }
}
