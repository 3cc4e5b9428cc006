package dev.ladder.examples.tribuo;

import dev.ladder.core.Config;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.TrialContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/**
 * Tunes any Tribuo {@link Trainer} with the training-set size as the resource: at resource {@code r} of
 * {@code maxResource} the trainer (made from the config by {@link TrainerConfigs}) trains a new model on the
 * first {@code ceil(n * r / maxResource)} of the {@code n} training examples (so the sets are nested) and the
 * job reports the validation metrics once, at its target resource.
 *
 * <p>Tribuo's trainers train a model from scratch (they cannot continue a model), so a promoted trial trains
 * again on more rows. Its checkpoint holds the resource and the model (Java serialization) of its last
 * rung: a resumed job checks that it is not ahead of {@code resumeFrom()}, and {@link #model} reads it
 * back, e.g. for the best trial. Given the same config a job gives the same model however the trial was
 * paused: the trainer is new for each job and its seed is a field.
 */
public final class TribuoObjective<T extends Output<T>> implements Objective {
    private final TrainerConfigs<? extends Trainer<T>> trainers;
    private final Dataset<T> train;
    private final Dataset<T> validation;
    private final BiFunction<Model<T>, Dataset<T>, Map<String, Double>> metrics;
    private final long maxResource;

    /**
     * @param metrics     the metrics a model reaches on a data set (what the jobs report on the validation set)
     * @param maxResource the resource at which the whole training set is used
     */
    public TribuoObjective(TrainerConfigs<? extends Trainer<T>> trainers, Dataset<T> train, Dataset<T> validation,
            BiFunction<Model<T>, Dataset<T>, Map<String, Double>> metrics, long maxResource) {
        this.trainers = Objects.requireNonNull(trainers, "trainers");
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (maxResource < 1 || maxResource > train.size()) {
            throw new IllegalArgumentException("maxResource must be between 1 and the " + train.size()
                    + " training examples, got " + maxResource);
        }
        this.maxResource = maxResource;
    }

    /** For classifiers: reports {@code accuracy}, {@code error} (1 - accuracy) and {@code macro_f1}. */
    public static TribuoObjective<Label> classification(TrainerConfigs<? extends Trainer<Label>> trainers,
            Dataset<Label> train, Dataset<Label> validation, long maxResource) {
        return new TribuoObjective<>(trainers, train, validation, TribuoObjective::labelMetrics, maxResource);
    }

    /** {@code accuracy}, {@code error} and {@code macro_f1} of {@code model} on {@code data}. */
    public static Map<String, Double> labelMetrics(Model<Label> model, Dataset<Label> data) {
        LabelEvaluation e = new LabelEvaluator().evaluate(model, data);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", e.accuracy());
        m.put("error", 1 - e.accuracy());
        m.put("macro_f1", e.macroAveragedF1());
        return m;
    }

    @Override
    public void run(Config config, TrialContext ctx) throws Exception {
        long from = ctx.resumeFrom();
        long to = ctx.maxResource();
        if (from < 0 || to < 1 || from >= to || to > maxResource) {
            throw new IllegalArgumentException("trial " + ctx.trialId() + ": cannot train from resource " + from + " to "
                    + to + " (at most " + maxResource + ")");
        }
        Optional<byte[]> checkpoint = from == 0 ? Optional.empty() : ctx.loadCheckpoint();
        if (checkpoint.isPresent()) {
            long held = resourceOf(checkpoint.get(), ctx);
            if (held > from) {
                throw new IllegalStateException("trial " + ctx.trialId() + ": the checkpoint in " + ctx.checkpointDir()
                        + " holds resource " + held + ", more than the resume point " + from);
            }
        }
        Model<T> model = fit(config, to);
        ctx.report(to, metrics.apply(model, validation));
        ctx.saveCheckpoint(checkpoint(to, model));
    }

    /** A model of {@code config} trained on the rows of {@code resource} (all rows at {@code maxResource}). */
    public Model<T> fit(Config config, long resource) {
        int rows = rows(resource);
        Dataset<T> part = rows == train.size() ? train : head(rows);
        return trainers.create(config).train(part);
    }

    /** The metrics of {@code model} on {@code data}, as the jobs compute them. */
    public Map<String, Double> evaluate(Model<T> model, Dataset<T> data) {
        return metrics.apply(model, data);
    }

    /** The training examples used at {@code resource}. */
    public int rows(long resource) {
        if (resource < 1 || resource > maxResource) {
            throw new IllegalArgumentException("resource " + resource + " is outside [1, " + maxResource + "]");
        }
        return (int) Math.min(train.size(), (train.size() * resource + maxResource - 1) / maxResource);
    }

    /** The model a job saved in its checkpoint. */
    @SuppressWarnings("unchecked")
    public static <T extends Output<T>> Model<T> model(byte[] checkpoint) throws IOException, ClassNotFoundException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            in.readLong();
            try (java.io.ObjectInputStream objects = new java.io.ObjectInputStream(in)) {
                return (Model<T>) objects.readObject();
            }
        }
    }

    private MutableDataset<T> head(int rows) {
        MutableDataset<T> part = new MutableDataset<>(train.getProvenance(), train.getOutputFactory());
        for (int i = 0; i < rows; i++) {
            part.add(train.getExample(i));
        }
        return part;
    }

    private static byte[] checkpoint(long resource, Model<?> model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(resource);
            try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(model);
            }
        }
        return bytes.toByteArray();
    }

    private static long resourceOf(byte[] checkpoint, TrialContext ctx) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            return in.readLong();
        } catch (IOException e) {
            throw new IllegalStateException("trial " + ctx.trialId() + ": cannot read the Tribuo checkpoint in "
                    + ctx.checkpointDir() + ": " + e.getMessage(), e);
        }
    }
}
