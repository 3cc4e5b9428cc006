package dev.ladder.core;

import java.util.Objects;

/** The metric an experiment optimises: its name in reported metrics and its direction. */
public record Metric(String name, Mode mode) {

    /** Whether smaller (MIN) or larger (MAX) values are better. */
    public enum Mode { MIN, MAX }

    /** Rejects a null or blank name and a null mode. */
    public Metric {
        Objects.requireNonNull(name, "metric name");
        Objects.requireNonNull(mode, "metric mode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
    }

    /** The metric {@code name}, smaller is better (a loss, an error rate). */
    public static Metric minimize(String name) {
        return new Metric(name, Mode.MIN);
    }

    /** The metric {@code name}, larger is better (an accuracy, an AUC). */
    public static Metric maximize(String name) {
        return new Metric(name, Mode.MAX);
    }

    /** The value turned into a loss: smaller is always better. */
    public double loss(double value) {
        return mode == Mode.MIN ? value : -value;
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return loss(a) < loss(b);
    }
}
