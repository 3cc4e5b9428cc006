package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.tune.TrialContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostObjectiveTest {
    private static final Split SPLIT = XGBoostDemo.creditSplit();
    private static final XGBoostObjective OBJECTIVE = XGBoostObjective.of(SPLIT);

    /** Non-default values everywhere, so a resume that forgot the parameters would show. */
    private static final Config NO_SAMPLING = Config.of(Map.of("eta", 0.1, "max_depth", 4,
            "min_child_weight", 2.0, "subsample", 1.0, "colsample_bytree", 1.0, "lambda", 3.0, "alpha", 0.05));
    private static final Config SAMPLING = Config.of(Map.of("eta", 0.1, "max_depth", 4,
            "min_child_weight", 2.0, "subsample", 0.8, "colsample_bytree", 0.7, "lambda", 3.0, "alpha", 0.05));

    @TempDir
    Path tmp;

    private Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }

    private RecordingTrialContext run(Config config, long from, long to, long pauseAt, Path dir) throws Exception {
        RecordingTrialContext ctx = new RecordingTrialContext(from, to, pauseAt, dir);
        OBJECTIVE.run(config, ctx);
        return ctx;
    }

    @Test
    void reportsEveryRoundAndCheckpointsAtTheEnd() throws Exception {
        Path dir = dir("straight");
        RecordingTrialContext ctx = run(NO_SAMPLING, 0, 6, Long.MAX_VALUE, dir);

        assertThat(ctx.resources()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(ctx.last().metrics()).containsOnlyKeys("logloss", "auc", "accuracy");
        assertThat(rounds(ctx.loadCheckpoint().orElseThrow())).isEqualTo(6);
    }

    @Test
    void pausedAndResumedRunEqualsStraightRunExactly() throws Exception {
        RecordingTrialContext straight = run(NO_SAMPLING, 0, 6, Long.MAX_VALUE, dir("straight"));
        Path dir = dir("paused");

        RecordingTrialContext first = run(NO_SAMPLING, 0, 6, 3, dir);
        assertThat(first.resources()).containsExactly(1L, 2L, 3L);
        assertThat(rounds(first.loadCheckpoint().orElseThrow())).isEqualTo(3);

        RecordingTrialContext second = run(NO_SAMPLING, 3, 6, Long.MAX_VALUE, dir);
        assertThat(second.resources()).containsExactly(4L, 5L, 6L);
        assertThat(rounds(second.loadCheckpoint().orElseThrow())).isEqualTo(6);

        // bit-for-bit: no tolerance
        assertThat(first.reports).isEqualTo(straight.reports.subList(0, 3));
        assertThat(second.reports).isEqualTo(straight.reports.subList(3, 6));
    }

    /**
     * With subsample and colsample_bytree below 1 the resumed run cannot be bit-for-bit equal to
     * the straight run: XGBoost's hist updater seeds its column sampler once, from the global
     * generator, on the first round it builds, and that state is not in the saved model. The
     * reload creates a new sampler at round 4 (drawing from the generator, which also shifts that
     * round's row sample). What must hold: the saved trees are kept, not retrained; the
     * continuation is deterministic; and it stays close to the straight run.
     */
    @Test
    void resumeWithSubsamplingKeepsTheTreesAndIsDeterministic() throws Exception {
        RecordingTrialContext straight = run(SAMPLING, 0, 6, Long.MAX_VALUE, dir("straight"));
        Path a = dir("a");
        RecordingTrialContext first = run(SAMPLING, 0, 6, 3, a);
        byte[] atThree = first.loadCheckpoint().orElseThrow();
        Path b = dir("b");
        Files.write(b.resolve(TrialContext.CHECKPOINT_FILE), atThree);

        RecordingTrialContext resumedA = run(SAMPLING, 3, 6, Long.MAX_VALUE, a);
        RecordingTrialContext resumedB = run(SAMPLING, 3, 6, Long.MAX_VALUE, b);

        assertThat(first.reports).isEqualTo(straight.reports.subList(0, 3));
        assertThat(resumedA.reports).isEqualTo(resumedB.reports);
        assertThat(dump(resumedA.loadCheckpoint().orElseThrow()).subList(0, 3)).isEqualTo(dump(atThree));
        double straightLoss = straight.last().metrics().get("logloss");
        double resumedLoss = resumedA.last().metrics().get("logloss");
        // three rounds at eta 0.1 move the log loss by about 0.03 in all; different samples for
        // them change it by far less
        assertThat(resumedLoss).isCloseTo(straightLoss, within(0.01));
        assertThat(resumedLoss).isLessThan(first.last().metrics().get("logloss"));
    }

    @Test
    void trialsOnParallelThreadsGiveTheSameResultsAsAlone() throws Exception {
        List<Config> configs = List.of(SAMPLING, NO_SAMPLING, Config.of(Map.of("eta", 0.3, "subsample", 0.6)),
                Config.of(Map.of("colsample_bytree", 0.4, "max_depth", 2)));
        List<List<RecordingTrialContext.Report>> alone = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            alone.add(run(configs.get(i), 0, 20, Long.MAX_VALUE, dir("alone" + i)).reports);
        }

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<RecordingTrialContext.Report>>> futures = new ArrayList<>();
            for (int rep = 0; rep < 2; rep++) {
                for (int i = 0; i < configs.size(); i++) {
                    Config config = configs.get(i);
                    Path dir = dir("parallel" + rep + "-" + i);
                    futures.add(pool.submit(() -> run(config, 0, 20, Long.MAX_VALUE, dir).reports));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertThat(futures.get(k).get()).isEqualTo(alone.get(k % configs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resumeWithoutCheckpointRetrainsFromRoundZero() throws Exception {
        RecordingTrialContext straight = run(NO_SAMPLING, 0, 6, Long.MAX_VALUE, dir("straight-0"));
        RecordingTrialContext ctx = new RecordingTrialContext(3, 6, Long.MAX_VALUE, dir("empty"));

        OBJECTIVE.run(NO_SAMPLING, ctx);

        assertThat(ctx.reports).isEqualTo(straight.reports); // rounds 1..3 again (the tuner ignores them), then 4..6
    }

    @Test
    void checkpointBehindTheResumePointContinuesFromTheCheckpoint() throws Exception {
        RecordingTrialContext straight = run(NO_SAMPLING, 0, 6, Long.MAX_VALUE, dir("straight"));
        Path dir = dir("crashed");
        run(NO_SAMPLING, 0, 6, 2, dir); // checkpoint at 2

        RecordingTrialContext resumed = run(NO_SAMPLING, 3, 6, Long.MAX_VALUE, dir);

        assertThat(resumed.resources()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(resumed.reports).isEqualTo(straight.reports.subList(2, 6));
    }

    @Test
    void checkpointAheadOfTheResumePointIsAnError() throws Exception {
        Path dir = dir("ahead");
        run(NO_SAMPLING, 0, 4, Long.MAX_VALUE, dir); // checkpoint at 4

        assertThatThrownBy(() -> run(NO_SAMPLING, 2, 6, Long.MAX_VALUE, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trial 7: the checkpoint in " + dir + " holds 4 rounds, more than the resume point 2");
    }

    @Test
    void corruptCheckpointFailsClearly() throws Exception {
        Path dir = dir("corrupt");
        Files.write(dir.resolve(TrialContext.CHECKPOINT_FILE), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> run(NO_SAMPLING, 3, 6, Long.MAX_VALUE, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("trial 7: cannot load the XGBoost checkpoint in " + dir);
    }

    /**
     * XGBoost's default (eta 0.3, max_depth 6) learns fast and then overfits these 600 training
     * rows: on the default split the validation log loss is lowest (0.555) at round 5 and climbs
     * to 0.708 by round 50, above log 2 = 0.693, while the AUC stays near 0.72. So "below 0.69
     * after 50 rounds" does not hold here; what is pinned is that the model learns (its best log
     * loss beats the class prior's 0.611) and that round 50 is overfit but sane.
     */
    @Test
    void defaultConfigLearnsThenOverfits() throws Exception {
        RecordingTrialContext ctx = run(Config.of(XGBoostDemo.defaultConfig()), 0, 50, Long.MAX_VALUE, dir("default"));

        assertThat(ctx.resources()).hasSize(50).endsWith(50L);
        double best = ctx.reports.stream().mapToDouble(r -> r.metrics().get("logloss")).min().orElseThrow();
        double prior = -(0.7 * Math.log(0.7) + 0.3 * Math.log(0.3));
        assertThat(best).isLessThan(prior - 0.03);
        Map<String, Double> last = ctx.last().metrics();
        assertThat(last.get("logloss")).isGreaterThan(best).isBetween(0.45, 0.8);
        assertThat(last.get("auc")).isGreaterThan(0.65);
        assertThat(last.get("accuracy")).isGreaterThan(0.65);
    }

    @Test
    void unknownParameterIsNamed() {
        Config typo = Config.of(Map.of("eta", 0.1, "max_dept", 3));

        assertThatThrownBy(() -> run(typo, 0, 2, Long.MAX_VALUE, dir("typo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown XGBoost parameter 'max_dept'");
    }

    @Test
    void rejectsAnImpossibleJob() {
        assertThatThrownBy(() -> run(NO_SAMPLING, 5, 3, Long.MAX_VALUE, dir("backwards")))
                .hasMessage("trial 7: cannot train from round 5 to round 3");
    }

    private static int rounds(byte[] checkpoint) throws Exception {
        Booster b = Boosting.load(checkpoint, Map.of());
        try {
            return b.getNumBoostedRound();
        } finally {
            b.dispose();
        }
    }

    private static List<String> dump(byte[] checkpoint) throws Exception {
        Booster b = Boosting.load(checkpoint, Map.of());
        try {
            return Arrays.asList(b.getModelDump("", true));
        } finally {
            b.dispose();
        }
    }
}
