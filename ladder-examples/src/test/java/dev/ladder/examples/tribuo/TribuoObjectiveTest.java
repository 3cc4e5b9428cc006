package dev.ladder.examples.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.TrialStatus;
import dev.ladder.examples.RecordingTrialContext;
import dev.ladder.examples.Split;
import dev.ladder.examples.XGBoostDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/** Real Tribuo training on the bundled German credit data. */
class TribuoObjectiveTest {
    private static final Split SPLIT = XGBoostDemo.creditSplit();
    private static final TribuoObjective<Label> OBJECTIVE = TribuoObjective.classification(CreditTuning.trainers(),
            TribuoData.classification(SPLIT.train(), SPLIT.train(), "train"),
            TribuoData.classification(SPLIT.validation(), SPLIT.train(), "validation"), CreditTuning.MAX_RESOURCE);
    private static final Config CONFIG = Config.of(Map.of("epochs", 5, "minibatchSize", 8,
            "optimiser.initialLearningRate", 0.1, "optimiser.epsilon", 0.1));

    @TempDir
    Path tmp;

    @Test
    void configKeysSetTheTrainersConfigurableFields() {
        Trainer<Label> trainer = CreditTuning.trainers().create(CONFIG);
        Map<String, ?> fields = trainer.getProvenance().getConfiguredParameters();
        assertThat(fields.get("epochs").toString()).contains("5");
        assertThat(fields.get("minibatchSize").toString()).contains("8");
        assertThat(fields.get("optimiser").toString()).contains("initialLearningRate").contains("0.1");
    }

    @Test
    void aKeyThatIsNoConfigurableFieldIsRefusedWithTheFields() {
        assertThatThrownBy(() -> CreditTuning.trainers().create(Config.of(Map.of("learningRate", 0.1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 'learningRate': LinearSGDTrainer has no configurable field 'learningRate'")
                .hasMessageContaining("epochs").hasMessageContaining("minibatchSize");
        assertThatThrownBy(() -> CreditTuning.trainers().create(Config.of(Map.of("optimiser.lr", 0.1))))
                .hasMessageContaining("key 'optimiser.lr': AdaGrad has no configurable field 'lr'");
    }

    @Test
    void learnsWithMoreRowsAndAResumedTrialReportsAtTheNextRungAsAnUninterruptedOne() throws Exception {
        RecordingTrialContext small = run(0, 1, Files.createDirectory(tmp.resolve("small")));
        RecordingTrialContext straight = run(0, 27, Files.createDirectory(tmp.resolve("straight")));
        assertThat(straight.last().metrics().get("macro_f1")).isGreaterThan(small.last().metrics().get("macro_f1") + 0.05);

        Path dir = Files.createDirectory(tmp.resolve("paused"));
        RecordingTrialContext rung = run(0, 9, dir);
        assertThat(rung.resources()).containsExactly(9L);
        RecordingTrialContext resumed = run(9, 27, dir);
        assertThat(resumed.resources()).containsExactly(27L);
        assertThat(resumed.reports).isEqualTo(straight.reports); // a new model of the same config on the same rows
        Model<Label> saved = TribuoObjective.model(resumed.loadCheckpoint().orElseThrow());
        assertThat(OBJECTIVE.evaluate(saved, TribuoData.classification(SPLIT.validation(), SPLIT.train(), "v")))
                .isEqualTo(straight.last().metrics());
    }

    @Test
    void ashaOnTwoWorkersTunesLinearSgdAndComparesWithItsDefaults() throws Exception {
        CreditTuning.Outcome outcome = CreditTuning.run(tmp, "credit", 12);
        assertThat(outcome.tuning().countByStatus().get(TrialStatus.FAILED)).isZero();
        List<String> events = Files.readAllLines(tmp.resolve("credit/events.jsonl"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"resume\""));
        assertThat(outcome.tunedTest().get("accuracy")).isGreaterThan(0.6);
        assertThat(outcome.defaultTest()).containsKeys("accuracy", "macro_f1");
    }

    private RecordingTrialContext run(long from, long to, Path dir) throws Exception {
        RecordingTrialContext ctx = new RecordingTrialContext(from, to, Long.MAX_VALUE, dir);
        OBJECTIVE.run(CONFIG, ctx);
        return ctx;
    }
}
