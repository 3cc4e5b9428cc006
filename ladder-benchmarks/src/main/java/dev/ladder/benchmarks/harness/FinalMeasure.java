package dev.ladder.benchmarks.harness;

import dev.ladder.core.Config;
import dev.ladder.sim.Blackbox;

/**
 * The one score every benchmark command reports first: the chosen configuration's metric at the
 * blackbox's maximum resource, under the run's seed. The best value seen at any resource is only a
 * second column: a value at a low resource is not what the configuration is worth once trained,
 * and a method that stops early would otherwise be credited with values it never trained to.
 */
public final class FinalMeasure {
    private FinalMeasure() {
    }

    public static double valueAtMax(Blackbox box, Config chosen, long seed) {
        Double v = box.curve(chosen, seed).metrics(box.maxResource()).get(box.metric().name());
        if (v == null) {
            throw new IllegalStateException(box.name() + " reports no " + box.metric().name() + " at its maximum resource "
                    + box.maxResource());
        }
        return v;
    }
}
