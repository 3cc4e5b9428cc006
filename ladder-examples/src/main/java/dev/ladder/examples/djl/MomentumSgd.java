package dev.ladder.examples.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum and L2 weight decay ({@code v = momentum * v + grad + decay * w; w -= lr * v}, as
 * PyTorch's {@code torch.optim.SGD}) whose state, the velocity of every parameter, can be saved and loaded:
 * DJL's own optimizers keep their state in private maps, so a checkpoint of them would lose it.
 */
public final class MomentumSgd extends Optimizer {
    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, NDArray> velocity = new HashMap<>();

    /** Fails naming the values unless {@code learningRate > 0}, {@code 0 <= momentum < 1} and {@code weightDecay >= 0}. */
    public MomentumSgd(double learningRate, double momentum, double weightDecay) {
        super(new Builder());
        if (!(learningRate > 0) || momentum < 0 || momentum >= 1 || weightDecay < 0) {
            throw new IllegalArgumentException("SGD needs lr > 0, 0 <= momentum < 1 and weight_decay >= 0, got lr "
                    + learningRate + ", momentum " + momentum + ", weight_decay " + weightDecay);
        }
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        NDArray v = velocity.computeIfAbsent(parameterId, id -> weight.zerosLike());
        v.muli(momentum).addi(grad);
        if (weightDecay > 0) {
            try (NDArray decay = weight.mul(weightDecay)) {
                v.addi(decay);
            }
        }
        try (NDArray step = v.mul(learningRate)) {
            weight.subi(step);
        }
    }

    /** Writes the velocity of each of {@code parameters}, in their order (none yet: an empty one). */
    public void save(List<Parameter> parameters, DataOutputStream out) throws IOException {
        for (Parameter p : parameters) {
            NDArray v = velocity.get(p.getId());
            DjlObjective.writeFloats(out, v == null ? new float[0] : v.toFloatArray());
        }
    }

    /** Reads what {@link #save} wrote for the same {@code parameters}, which must be initialised. */
    public void load(List<Parameter> parameters, DataInputStream in) throws IOException {
        for (Parameter p : parameters) {
            float[] values = DjlObjective.readFloats(in);
            if (values.length == 0) {
                continue;
            }
            NDArray weight = p.getArray();
            if (values.length != weight.size()) {
                throw new IOException("the optimizer state of parameter " + p.getName() + " has " + values.length
                        + " values, the parameter " + weight.size());
            }
            NDArray v = weight.zerosLike();
            v.set(values);
            NDArray old = velocity.put(p.getId(), v);
            if (old != null) {
                old.close();
            }
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
