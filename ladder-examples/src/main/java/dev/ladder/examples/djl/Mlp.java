package dev.ladder.examples.djl;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.ladder.core.Config;

/**
 * A multi-layer perceptron for {@link DjlObjective}: {@code layers} hidden ReLU layers of {@code hidden} units
 * (config keys, defaults {@link #DEFAULT_LAYERS} and {@link #DEFAULT_HIDDEN}) and a linear output of
 * {@code classes} logits.
 */
public final class Mlp {
    /** Units per hidden layer when the config has no {@code hidden}. */
    public static final int DEFAULT_HIDDEN = 128;
    /** Hidden layers when the config has no {@code layers}. */
    public static final int DEFAULT_LAYERS = 1;

    private Mlp() {
    }

    /** The network for {@code config}, with {@code classes} outputs. */
    public static Block block(Config config, int classes) {
        int hidden = config.has("hidden") ? config.getInt("hidden") : DEFAULT_HIDDEN;
        int layers = config.has("layers") ? config.getInt("layers") : DEFAULT_LAYERS;
        if (hidden < 1 || layers < 0) {
            throw new IllegalArgumentException("an MLP needs hidden >= 1 and layers >= 0, got hidden " + hidden
                    + ", layers " + layers + " in config " + config);
        }
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < layers; i++) {
            net.add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock());
        }
        return net.add(Linear.builder().setUnits(classes).build());
    }
}
