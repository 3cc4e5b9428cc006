package dev.ladder.core.search.gp;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;

/**
 * The loss a Gaussian process learns from a result: the metric's loss when the result is feasible, the worst
 * feasible loss seen so far when it is not (a surrogate needs a finite number, and an infeasible region must
 * look bad to it), NaN while no feasible loss is known (the caller then skips the result).
 */
final class FeasibleLoss {
    private final Metric metric;
    private double worst = Double.NaN;

    FeasibleLoss(Metric metric) {
        this.metric = metric;
    }

    double of(Result result) {
        double loss = metric.rankLoss(result);
        if (loss == Double.POSITIVE_INFINITY) {
            return worst;
        }
        worst = Double.isNaN(worst) ? loss : Math.max(worst, loss);
        return loss;
    }
}
