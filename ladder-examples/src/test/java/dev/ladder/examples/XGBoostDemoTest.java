package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.space.Domain;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XGBoostDemoTest {
    @Test
    void searchSpaceCoversExactlyTheDefaultConfig() {
        assertThat(XGBoostDemo.space().names()).containsExactlyElementsOf(XGBoostDemo.defaultConfig().keySet());
        assertThat(XGBoostDemo.space().domains().get("eta")).isEqualTo(new Domain.Real(0.005, 0.5, true));
        assertThat(XGBoostDemo.space().domains().get("max_depth")).isEqualTo(new Domain.Int(1, 10, false));
    }

    @Test
    void defaultConfigIsXGBoostsDefault() {
        assertThat(XGBoostDemo.defaultConfig()).containsExactly(
                Map.entry("eta", 0.3), Map.entry("max_depth", 6), Map.entry("min_child_weight", 1.0),
                Map.entry("subsample", 1.0), Map.entry("colsample_bytree", 1.0), Map.entry("lambda", 1.0),
                Map.entry("alpha", 0.0));
    }

    @Test
    void evaluateOnTestIsDeterministicAndPlausible() throws Exception {
        Split split = XGBoostDemo.creditSplit();
        Config defaults = Config.of(XGBoostDemo.defaultConfig());

        Scores a = XGBoostDemo.evaluateOnTest(split, defaults, XGBoostDemo.DEFAULT_ROUNDS);
        Scores b = XGBoostDemo.evaluateOnTest(split, defaults, XGBoostDemo.DEFAULT_ROUNDS);

        assertThat(a).isEqualTo(b);
        assertThat(a.auc()).isBetween(0.6, 1.0);
        assertThat(a.accuracy()).isBetween(0.6, 1.0);
    }

    @Test
    void evaluateOnTestMatchesTheObjectivesRoundsOnTheSameData() throws Exception {
        // the objective's straight run measured on test must equal evaluateOnTest: one training path
        Split split = XGBoostDemo.creditSplit();
        Split testAsValidation = new Split(split.train(), split.test(), split.test());
        Config config = Config.of(Map.of("eta", 0.2, "max_depth", 3, "subsample", 0.7, "colsample_bytree", 0.5));
        RecordingTrialContext ctx = RecordingTrialContext.straight(8,
                Files.createTempDirectory("ladder-demo-test"));

        XGBoostObjective.of(testAsValidation).run(config, ctx);

        assertThat(ctx.last().metrics()).isEqualTo(XGBoostDemo.evaluateOnTest(split, config, 8).toMap());
    }
}
