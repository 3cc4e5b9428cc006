package dev.ladder.examples.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.ladder.core.Config;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.TrialContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains a DJL classifier (PyTorch engine, CPU) on an {@link ImageSet} with epochs as the resource, reporting
 * validation {@code loss} (mean softmax cross-entropy) and {@code accuracy} after every epoch.
 *
 * <p>The config: {@code lr} (required), {@code momentum} (default {@link #DEFAULT_MOMENTUM}) and {@code weight_decay} (default 0) for
 * {@link MomentumSgd}; every key is also handed to the model factory ({@link Mlp#block} reads
 * {@code hidden} and {@code layers}). Mini-batches of {@link #batchSize} rows are drawn in an order that
 * depends only on the seed and the epoch's index, and the weights start from a {@link SeededInitializer}, so
 * a run is the same whichever thread runs it and however it was paused. The trials of one JVM take turns for
 * their forward and backward passes (DJL's PyTorch engine collects gradients for one at a time).
 *
 * <p>Checkpoint: when {@code report} returns false or the job reaches {@code maxResource()} (a rung, for
 * ASHA), the epochs done, the model's parameters and the optimizer's velocities
 * are saved in one file (the values of every parameter, in the block's order) ({@link TrialContext#saveCheckpoint}); a job with {@code resumeFrom() > 0} loads them
 * and trains on from the epoch they hold (from scratch, reporting again, when a crash lost them).
 */
public final class DjlObjective implements Objective {
    /** Rows per mini-batch in {@link #mlp}. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The momentum when the config gives none. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    private static final int CHECKPOINT_VERSION = 1;
    /**
     * DJL's PyTorch engine allows one gradient collector at a time in a JVM (a second one throws), so the
     * trials of one JVM take turns for their forward and backward passes; the rest (batches, optimizer steps,
     * validation) runs in parallel.
     */
    private static final Object GRADIENTS = new Object();

    private final Function<Config, Block> model;
    private final ImageSet train;
    private final ImageSet validation;
    private final int classes;
    private final int batchSize;
    private final long seed;

    /**
     * @param model builds the network for a config: input rows of {@code train.pixels()} values, output
     *              {@code classes} logits
     */
    public DjlObjective(Function<Config, Block> model, ImageSet train, ImageSet validation, int classes,
            int batchSize, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        if (train.pixels() != validation.pixels()) {
            throw new IllegalArgumentException("train rows have " + train.pixels() + " values, validation rows "
                    + validation.pixels());
        }
        if (classes < 2 || batchSize < 1) {
            throw new IllegalArgumentException("need classes >= 2 and batchSize >= 1, got " + classes + " and " + batchSize);
        }
        this.classes = classes;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** An {@link Mlp} with batches of {@link #DEFAULT_BATCH_SIZE} and seed 0. */
    public static DjlObjective mlp(ImageSet train, ImageSet validation, int classes) {
        return new DjlObjective(config -> Mlp.block(config, classes), train, validation, classes, DEFAULT_BATCH_SIZE, 0);
    }

    /** Rows per mini-batch, in training and in evaluation. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void run(Config config, TrialContext ctx) throws Exception {
        long from = ctx.resumeFrom();
        long to = ctx.maxResource();
        if (from < 0 || to < 1 || from > to) {
            throw new IllegalArgumentException("trial " + ctx.trialId() + ": cannot train from epoch " + from + " to epoch " + to);
        }
        train(config, "trial-" + ctx.trialId(), (trainer, optimizer, parameters) -> {
            Optional<byte[]> checkpoint = from == 0 ? Optional.empty() : ctx.loadCheckpoint();
            long epoch = checkpoint.isEmpty() ? 0 : restore(checkpoint.get(), trainer, optimizer, parameters, ctx);
            while (epoch < to) {
                trainEpoch(trainer, parameters, epoch);
                epoch++;
                Map<String, Double> metrics = evaluate(trainer, validation);
                if (!ctx.report(epoch, metrics) || epoch == to) {
                    ctx.saveCheckpoint(checkpoint(epoch, trainer, optimizer, parameters));
                    return null;
                }
            }
            return null;
        });
    }

    /**
     * Trains {@code config} from scratch for {@code epochs} epochs on the training set, as a trial does, and
     * returns its {@code loss} and {@code accuracy} on {@code data} (the held-out test set).
     */
    public Map<String, Double> fitAndEvaluate(Config config, long epochs, ImageSet data) throws Exception {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (data.pixels() != train.pixels()) {
            throw new IllegalArgumentException("rows of " + data.pixels() + " values, the model takes " + train.pixels());
        }
        return train(config, "final", (trainer, optimizer, parameters) -> {
            for (long epoch = 0; epoch < epochs; epoch++) {
                trainEpoch(trainer, parameters, epoch);
            }
            return evaluate(trainer, data);
        });
    }

    /** What to do with a freshly initialised model. */
    private interface Training<T> {
        T run(Trainer trainer, MomentumSgd optimizer, List<Parameter> parameters) throws Exception;
    }

    private <T> T train(Config config, String name, Training<T> training) throws Exception {
        DjlEngine.gradientsOffInThisThread();
        MomentumSgd optimizer = new MomentumSgd(config.getDouble("lr"),
                config.has("momentum") ? config.getDouble("momentum") : DEFAULT_MOMENTUM,
                config.has("weight_decay") ? config.getDouble("weight_decay") : 0);
        try (Model net = Model.newInstance(name, Device.cpu(), DjlEngine.NAME)) {
            net.setBlock(model.apply(config));
            DefaultTrainingConfig setup = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {Device.cpu()})
                    .optInitializer(new SeededInitializer(seed), Parameter.Type.WEIGHT);
            try (Trainer trainer = net.newTrainer(setup)) {
                trainer.initialize(new Shape(1, train.pixels()));
                return training.run(trainer, optimizer, net.getBlock().getParameters().values());
            }
        }
    }

    /** The {@code loss} and {@code accuracy} of the trainer's model on {@code data}. */
    private Map<String, Double> evaluate(Trainer trainer, ImageSet data) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.rows(); start += batchSize) {
            int end = Math.min(data.rows(), start + batchSize);
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray x = batch.create(java.util.Arrays.copyOfRange(data.features(), start * data.pixels(),
                        end * data.pixels()), new Shape(end - start, data.pixels()));
                NDArray y = batch.create(java.util.Arrays.copyOfRange(data.labels(), start, end));
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                lossSum += trainer.getLoss().evaluate(new NDList(y), new NDList(logits)).getFloat() * (end - start);
                correct += logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).eq(y).sum().getLong();
            }
        }
        return Map.of("loss", lossSum / data.rows(), "accuracy", (double) correct / data.rows());
    }

    private void trainEpoch(Trainer trainer, List<Parameter> parameters, long epoch) {
        int[] order = order(train.rows(), epoch);
        int pixels = train.pixels();
        float[] xs = new float[batchSize * pixels];
        int[] ys = new int[batchSize];
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            for (int i = 0; i < n; i++) {
                int row = order[start + i];
                System.arraycopy(train.features(), row * pixels, xs, i * pixels, pixels);
                ys[i] = train.labels()[row];
            }
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray x = batch.create(java.util.Arrays.copyOf(xs, n * pixels), new Shape(n, pixels));
                NDArray y = batch.create(java.util.Arrays.copyOf(ys, n));
                synchronized (GRADIENTS) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                        collector.backward(loss);
                    }
                }
                trainer.step();
                for (Parameter p : parameters) { // PyTorch adds each backward pass's gradients to the last ones
                    try (NDArray gradient = p.getArray().getGradient()) {
                        gradient.muli(0);
                    }
                }
            }
        }
    }

    /** The row order of epoch {@code epoch}: a permutation that depends only on the seed and the epoch. */
    private int[] order(int rows, long epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static byte[] checkpoint(long epoch, Trainer trainer, MomentumSgd optimizer, List<Parameter> parameters)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(CHECKPOINT_VERSION);
            out.writeLong(epoch);
            for (Parameter p : parameters) {
                writeFloats(out, p.getArray().toFloatArray());
            }
            optimizer.save(parameters, out);
        }
        return bytes.toByteArray();
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float x : values) {
            out.writeFloat(x);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a negative length " + n);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static long restore(byte[] bytes, Trainer trainer, MomentumSgd optimizer, List<Parameter> parameters,
            TrialContext ctx) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != CHECKPOINT_VERSION) {
                throw new IOException("unknown checkpoint version " + version);
            }
            long epoch = in.readLong();
            if (epoch > ctx.resumeFrom()) {
                throw new IllegalStateException("trial " + ctx.trialId() + ": the checkpoint in " + ctx.checkpointDir()
                        + " holds " + epoch + " epochs, more than the resume point " + ctx.resumeFrom());
            }
            for (Parameter p : parameters) { // into the trainer's arrays: it keeps references to them
                float[] values = readFloats(in);
                if (values.length != p.getArray().size()) {
                    throw new IOException("parameter " + p.getName() + " has " + p.getArray().size()
                            + " values, the checkpoint " + values.length + ": another model");
                }
                p.getArray().set(values);
            }
            optimizer.load(parameters, in);
            return epoch;
        } catch (IOException e) {
            throw new IllegalStateException("trial " + ctx.trialId() + ": cannot load the DJL checkpoint in "
                    + ctx.checkpointDir() + ": " + e.getMessage(), e);
        }
    }
}
