package dev.ladder.examples;

import dev.ladder.core.Config;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.TrialContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains an XGBoost binary classifier with boosting rounds as the resource (docs/xgboost.md), reporting validation
 * {@code logloss}, {@code auc} and {@code accuracy} (class 1 positive) after every round.
 *
 * <p>One job: if {@code resumeFrom() > 0}, load the booster from the trial's checkpoint (without one,
 * after a crash that lost it, train from round 0 and report again; the tuner ignores reports up to
 * {@code resumeFrom()}); then boost one round at
 * a time up to {@code maxResource()}, predicting the validation set once per round and reporting
 * {@code resource = rounds done}. When {@code report} returns false, or after the last round, the
 * booster is saved as the checkpoint ({@link ml.dmlc.xgboost4j.java.Booster#toByteArray()}).
 *
 * <p>Invariants: the checkpoint always holds exactly the rounds last reported by the job that
 * wrote it; round {@code k} (0-based) is always built with {@code update(dtrain, k)}, so XGBoost's
 * per-round reseeding (see {@link BoosterParams}) sees the same round index however the trial was
 * paused. If the checkpoint holds <em>fewer</em> rounds than {@code resumeFrom()} (a job that
 * crashed after reporting but before saving), training continues from the checkpoint and the
 * rounds up to {@code resumeFrom()} are reported again; a checkpoint with <em>more</em> rounds is
 * an error.
 *
 * <p>Determinism: with {@code subsample = colsample_bytree = 1} a paused and resumed trial reaches
 * bit-for-bit the metrics of an uninterrupted one. With subsampling it continues the same trees
 * but draws different samples after the resume point, because XGBoost's column sampler keeps a
 * random state that is not part of the saved model (its hist updater seeds it once, on the first
 * round it builds). The same pause points always give the same result.
 *
 * <p>Native matrices and boosters are made per {@link #run} call (one trial, one thread) and
 * disposed before it returns; instances of this class hold only the immutable data sets and may
 * be shared between threads.
 */
public final class XGBoostObjective implements Objective {
    private final Dataset train;
    private final Dataset validation;
    private final BoosterParams params;

    /** Trains on {@code train}, reports on {@code validation}, with the demo's {@link BoosterParams#DEMO}. */
    public XGBoostObjective(Dataset train, Dataset validation) {
        this(train, validation, BoosterParams.DEMO);
    }

    /**
     * Trains on {@code train} and reports on {@code validation} (binary labels 0 and 1), the booster set up by
     * {@code params} from each trial's config.
     */
    public XGBoostObjective(Dataset train, Dataset validation, BoosterParams params) {
        this.params = Objects.requireNonNull(params, "params");
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        if (train.cols() != validation.cols()) {
            throw new IllegalArgumentException("train has " + train.cols() + " feature columns, validation "
                    + validation.cols());
        }
    }

    /** Trains on {@code split.train()}, reports on {@code split.validation()}. */
    public static XGBoostObjective of(Split split) {
        return new XGBoostObjective(split.train(), split.validation());
    }

    @Override
    public void run(Config config, TrialContext ctx) throws Exception {
        long from = ctx.resumeFrom();
        long to = ctx.maxResource();
        if (from < 0 || to < 1 || from > to || to > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trial " + ctx.trialId() + ": cannot train from round " + from
                    + " to round " + to);
        }
        Map<String, Object> params = this.params.of(config);
        DMatrix dtrain = null;
        DMatrix dvalid = null;
        Booster booster = null;
        try {
            dtrain = Boosting.matrix(train);
            dvalid = Boosting.matrix(validation);
            Optional<byte[]> checkpoint = from == 0 ? Optional.empty() : ctx.loadCheckpoint();
            booster = checkpoint.isEmpty() ? Boosting.fresh(params, dtrain) : resume(checkpoint.get(), params, ctx);
            float[] labels = validation.labels();
            int start = booster.getNumBoostedRound();
            for (int done = start; done < to; ) {
                booster.update(dtrain, done);
                done++;
                Scores scores = Metrics.scores(Boosting.predict(booster, dvalid), labels);
                if (!ctx.report(done, scores.toMap()) || done == to) {
                    ctx.saveCheckpoint(booster.toByteArray());
                    return;
                }
            }
        } finally {
            Boosting.dispose(booster);
            Boosting.dispose(dvalid);
            Boosting.dispose(dtrain);
        }
    }

    private static Booster resume(byte[] checkpoint, Map<String, Object> params, TrialContext ctx) throws Exception {
        Booster booster;
        try {
            booster = Boosting.load(checkpoint, params);
        } catch (XGBoostError e) {
            throw new IllegalStateException("trial " + ctx.trialId() + ": cannot load the XGBoost checkpoint in "
                    + ctx.checkpointDir() + ": " + e.getMessage(), e);
        }
        int rounds = booster.getNumBoostedRound();
        if (rounds > ctx.resumeFrom()) {
            booster.dispose();
            throw new IllegalStateException("trial " + ctx.trialId() + ": the checkpoint in " + ctx.checkpointDir()
                    + " holds " + rounds + " rounds, more than the resume point " + ctx.resumeFrom());
        }
        return booster;
    }
}
