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
 * Which checkpoints are kept, after Determined's checkpoint GC (save_experiment_best,
 * save_trial_best, save_trial_latest). A trial's checkpoint folder holds its latest checkpoint, where a
 * paused trial resumes from. {@link #all()} (the default) keeps every trial's latest; {@link #best(int)}
 * keeps those of the n best trials (ranked as the best result is chosen: highest resource reached,
 * then the better value there) and deletes a checkpoint once its trial can no longer use it: when the
 * trial completed, stopped or failed, and, when the experiment finishes, for paused trials too
 * (extending it later retrains those from scratch). {@link #withTrialBest()} also keeps each trial's
 * best checkpoint when it is not its latest: when a job's folder replaces a better latest, that folder
 * is kept as the trial's best; it is deleted once a later checkpoint of the trial is as good, and with
 * the trial's latest (see {@link Checkpoints}).
 */
public record CheckpointPolicy(int keepBest, boolean keepAll, boolean trialBest) {
    /** Rejects a negative {@code keepBest} unless {@code keepAll}. */
    public CheckpointPolicy {
        if (!keepAll && keepBest < 0) {
            throw new IllegalArgumentException("checkpoints to keep must be >= 0, got " + keepBest);
        }
    }

    /** Keep every trial's checkpoint (the default): any trial can be resumed, at the cost of disk. */
    public static CheckpointPolicy all() {
        return new CheckpointPolicy(0, true, false);
    }

    /** Keep the checkpoints of the {@code n} (at least 0) best trials and of those that can still be resumed; delete the rest. */
    public static CheckpointPolicy best(int n) {
        return new CheckpointPolicy(n, false, false);
    }

    /** This policy, also keeping each trial's best checkpoint besides its latest. */
    public CheckpointPolicy withTrialBest() {
        return new CheckpointPolicy(keepBest, keepAll, true);
    }

    /** Parses {@code all} or {@code best:N}, optionally followed by {@code +trial-best}. */
    public static CheckpointPolicy parse(String text) {
        String base = text.endsWith("+trial-best") ? text.substring(0, text.length() - "+trial-best".length()) : text;
        CheckpointPolicy p = null;
        if (base.equals("all")) {
            p = all();
        } else if (base.startsWith("best:")) {
            try {
                p = best(Integer.parseInt(base.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error naming the value
            }
        }
        if (p == null) {
            throw new IllegalArgumentException("checkpoint policy '" + text
                    + "' is not 'all' or 'best:N' (N >= 0), optionally followed by '+trial-best'");
        }
        return base.equals(text) ? p : p.withTrialBest();
    }

    @Override
    public String toString() {
        return (keepAll ? "all" : "best:" + keepBest) + (trialBest ? "+trial-best" : "");
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

        /** The value of {@code trial}'s latest result, null before its first. */
        Double latest(int trial) {
            double[] l = last.get(trial);
            return l == null ? null : l[1];
        }

        void report(int trial, long resource, double value) {
            if (policy.keepAll && !policy.trialBest) {
                return; // nothing to rank: a million simulated trials need no million entries
            }
            if (last.containsKey(trial)) {
                ranked.remove(trial);
            }
            last.put(trial, new double[] {resource, value});
            if (!policy.keepAll) {
                ranked.add(trial);
            }
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
