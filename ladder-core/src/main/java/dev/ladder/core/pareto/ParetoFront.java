package dev.ladder.core.pareto;

import dev.ladder.core.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The result of an experiment with several objectives: its non-dominated feasible results at the highest
 * resource a feasible result reached (the rule {@link dev.ladder.core.Best} follows: values measured at
 * different resources are not compared), and the hypervolume of that front over time, one point after
 * each feasible result at that resource. Values are in the metrics' own units, objectives in
 * {@link Metric#objectives} order; the hypervolume is measured in losses from {@code reference}.
 */
public record ParetoFront(List<String> objectives, long resource, List<Member> members, double[] reference,
                          List<double[]> hypervolumeOverTime) {

    /** One trial on the front: its values at the front's resource. */
    public record Member(int trialId, double[] values, double seconds) {
    }

    /** Copies the lists: a front does not change after it is built. */
    public ParetoFront {
        objectives = List.copyOf(objectives);
        members = List.copyOf(members);
        hypervolumeOverTime = List.copyOf(hypervolumeOverTime);
    }

    /** The last hypervolume, 0 for an empty front. */
    public double hypervolume() {
        return hypervolumeOverTime.isEmpty() ? 0 : hypervolumeOverTime.get(hypervolumeOverTime.size() - 1)[1];
    }

    /** Collects results in journal order; {@link #build} makes the front. Only feasible results are kept. */
    public static final class Builder {
        private final Metric metric;
        private final List<int[]> trials = new ArrayList<>(); // {trial id}
        private final List<Long> resources = new ArrayList<>();
        private final List<double[]> losses = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();
        private long top = -1;

        /** An empty builder for {@code metric}'s objectives and constraint. */
        public Builder(Metric metric) {
            this.metric = metric;
        }

        /** A result of trial {@code trialId} at {@code resource}, reported {@code at} seconds into the experiment. */
        public Builder add(int trialId, long resource, Map<String, Double> metrics, double at) {
            if (!metric.feasible(metrics)) {
                return this;
            }
            double[] l = metric.losses(metrics);
            for (double v : l) {
                if (Double.isNaN(v)) {
                    return this; // an objective missing: the tuner refused this report
                }
            }
            trials.add(new int[] {trialId});
            resources.add(resource);
            losses.add(l);
            seconds.add(at);
            top = Math.max(top, resource);
            return this;
        }

        /** Forgets every result of trial {@code trialId} (an excluded trial). */
        public Builder exclude(int trialId) {
            top = -1;
            for (int i = trials.size() - 1; i >= 0; i--) {
                if (trials.get(i)[0] == trialId) {
                    trials.remove(i);
                    resources.remove(i);
                    losses.remove(i);
                    seconds.remove(i);
                } else {
                    top = Math.max(top, resources.get(i));
                }
            }
            return this;
        }

        /** The front, its hypervolume measured from the nadir of all feasible results at its resource plus a tenth of their range. */
        public ParetoFront build() {
            return build(null);
        }

        /** The front with its hypervolume measured from {@code referenceLosses} (losses, one per objective; null: derived). */
        public ParetoFront build(double[] referenceLosses) {
            List<Metric> objectives = metric.objectives();
            int k = objectives.size();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < resources.size(); i++) {
                if (resources.get(i) == top) {
                    at.add(i);
                }
            }
            double[] ref = referenceLosses != null ? referenceLosses.clone() : derivedReference(at, k);
            List<double[]> overTime = new ArrayList<>();
            List<double[]> front = new ArrayList<>();
            List<Integer> frontIndex = new ArrayList<>();
            for (int i : at) {
                double[] p = losses.get(i);
                if (dominatedOrEqual(front, p)) {
                    continue;
                }
                for (int j = front.size() - 1; j >= 0; j--) {
                    if (Points.dominates(p, front.get(j))) {
                        front.remove(j);
                        frontIndex.remove(j);
                    }
                }
                front.add(p);
                frontIndex.add(i);
                overTime.add(new double[] {seconds.get(i), Hypervolume.of(front, ref)});
            }
            List<Member> members = new ArrayList<>();
            for (int i : frontIndex) {
                double[] values = new double[k];
                for (int m = 0; m < k; m++) {
                    values[m] = objectives.get(m).loss(losses.get(i)[m]); // loss() is its own inverse
                }
                members.add(new Member(trials.get(i)[0], values, seconds.get(i)));
            }
            members.sort((a, b) -> Double.compare(objectives.get(0).loss(a.values()[0]), objectives.get(0).loss(b.values()[0])));
            return new ParetoFront(objectives.stream().map(Metric::name).toList(), Math.max(top, 0), members, ref, overTime);
        }

        private double[] derivedReference(List<Integer> at, int k) {
            double[] worst = new double[k];
            double[] best = new double[k];
            Arrays.fill(worst, Double.NEGATIVE_INFINITY);
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int i : at) {
                for (int m = 0; m < k; m++) {
                    worst[m] = Math.max(worst[m], losses.get(i)[m]);
                    best[m] = Math.min(best[m], losses.get(i)[m]);
                }
            }
            double[] ref = new double[k];
            for (int m = 0; m < k; m++) {
                double range = worst[m] - best[m];
                ref[m] = at.isEmpty() ? 0 : worst[m] + (range > 0 ? range / 10 : Math.max(1e-9, Math.abs(worst[m]) / 10));
            }
            return ref;
        }

        private static boolean dominatedOrEqual(List<double[]> front, double[] p) {
            for (double[] q : front) {
                if (Points.dominates(q, p) || Arrays.equals(q, p)) {
                    return true;
                }
            }
            return false;
        }
    }
}
