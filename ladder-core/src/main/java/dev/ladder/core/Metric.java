package dev.ladder.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metric an experiment optimises: its name in reported metrics and its direction. An experiment with
 * several objectives names the others in {@code others} (MO-ASHA ranks by all of them; single-objective
 * schedulers by this one); {@code constraint} names a feasibility metric (a result is feasible when its
 * value is at most 0), or is null. Infeasible results rank after every feasible one and are never the best.
 */
public record Metric(String name, Mode mode, List<Metric> others, String constraint) {

    /** Whether smaller (MIN) or larger (MAX) values are better. */
    public enum Mode { MIN, MAX }

    /** Rejects a null or blank name and a null mode. */
    public Metric {
        Objects.requireNonNull(name, "metric name");
        Objects.requireNonNull(mode, "metric mode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
        others = others == null ? List.of() : List.copyOf(others);
        List<String> seen = new ArrayList<>(List.of(name));
        for (Metric o : others) {
            if (!o.others.isEmpty() || o.constraint != null) {
                throw new IllegalArgumentException("objective '" + o.name + "' must be a plain metric (name and mode)");
            }
            if (seen.contains(o.name)) {
                throw new IllegalArgumentException("objective '" + o.name + "' is named twice");
            }
            seen.add(o.name);
        }
        if (constraint != null && (constraint.isBlank() || seen.contains(constraint))) {
            throw new IllegalArgumentException("constraint '" + constraint + "' must be a metric other than the objectives " + seen);
        }
    }

    /** A single-objective metric without constraint: {@code name} in direction {@code mode}. */
    public Metric(String name, Mode mode) {
        this(name, mode, List.of(), null);
    }

    /** The metric {@code name}, smaller is better (a loss, an error rate). */
    public static Metric minimize(String name) {
        return new Metric(name, Mode.MIN);
    }

    /** The metric {@code name}, larger is better (an accuracy, an AUC). */
    public static Metric maximize(String name) {
        return new Metric(name, Mode.MAX);
    }

    /** This metric with further objectives (several objectives: MO-ASHA ranks by all). */
    public Metric withObjectives(Metric... more) {
        List<Metric> all = new ArrayList<>(others);
        all.addAll(List.of(more));
        return new Metric(name, mode, all, constraint);
    }

    /** This metric with a feasibility metric: a result whose {@code constraintName} is at most 0 is feasible. */
    public Metric withConstraint(String constraintName) {
        return new Metric(name, mode, others, constraintName);
    }

    /** Every objective, this one first, each as a plain metric. */
    public List<Metric> objectives() {
        List<Metric> all = new ArrayList<>(others.size() + 1);
        all.add(others.isEmpty() && constraint == null ? this : new Metric(name, mode));
        all.addAll(others);
        return all;
    }

    /** True when there is more than one objective. */
    public boolean multiObjective() {
        return !others.isEmpty();
    }

    /** Every metric a report must carry: the objectives, then the constraint. */
    public List<String> required() {
        List<String> names = new ArrayList<>(objectives().stream().map(Metric::name).toList());
        if (constraint != null) {
            names.add(constraint);
        }
        return names;
    }

    /** The value turned into a loss: smaller is always better. */
    public double loss(double value) {
        return mode == Mode.MIN ? value : -value;
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return loss(a) < loss(b);
    }

    /** How far {@code metrics} are from feasible: 0 when feasible (or when there is no constraint), else the constraint's value. */
    public double violation(Map<String, Double> metrics) {
        if (constraint == null) {
            return 0;
        }
        Double v = metrics.get(constraint);
        return v == null || v.isNaN() ? Double.POSITIVE_INFINITY : Math.max(0, v);
    }

    /** True when {@code metrics} satisfy the constraint (always, without one). */
    public boolean feasible(Map<String, Double> metrics) {
        return violation(metrics) == 0;
    }

    /**
     * The loss a single-objective scheduler ranks {@code result} by: this metric's loss when the result is
     * feasible, +infinity when it is not, so that every infeasible result ranks after every feasible one.
     */
    public double rankLoss(Result result) {
        return feasible(result.metrics()) ? loss(result.value(this)) : Double.POSITIVE_INFINITY;
    }

    /** The losses of every objective of {@code metrics}, in {@link #objectives} order. */
    public double[] losses(Map<String, Double> metrics) {
        List<Metric> all = objectives();
        double[] out = new double[all.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = metrics.get(all.get(i).name);
            out[i] = v == null ? Double.NaN : all.get(i).loss(v);
        }
        return out;
    }
}
