package dev.ladder.examples.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Glorot-uniform weights drawn from a {@link Random} of its own: the engine's generator is shared by every
 * trial of the JVM, so two trials of one config would start from different weights and a resumed trial could
 * not be compared with an uninterrupted one. One instance per model; parameters are drawn in block order.
 */
final class SeededInitializer implements Initializer {
    private final Random random;

    SeededInitializer(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanOut = shape.get(0);
        long fanIn = shape.dimension() > 1 ? shape.size() / fanOut : fanOut;
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
