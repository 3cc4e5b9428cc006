package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoosterParamsTest {
    private static final Split SPLIT = XGBoostDemo.creditSplit();

    @TempDir
    Path tmp;

    @Test
    void fixedAndTunableParametersReachTheBoosterParameters() {
        BoosterParams params = BoosterParams.DEMO.with("scale_pos_weight", 2.5).with("max_depth", 3).tunable("gamma", 0.0);
        Map<String, Object> p = params.of(Config.of(Map.of("gamma", 1.5, "eta", 0.1)));
        assertThat(p).containsEntry("scale_pos_weight", 2.5).containsEntry("max_depth", 3).containsEntry("gamma", 1.5)
                .containsEntry("eta", 0.1).containsEntry("objective", "binary:logistic");
        assertThat(params.of(Config.of(Map.of()))).containsEntry("gamma", 0.0);
        assertThat(params.tunableDefaults()).doesNotContainKey("max_depth").containsKey("gamma");
        assertThatThrownBy(() -> params.of(Config.of(Map.of("max_depth", 4))))
                .hasMessageContaining("unknown XGBoost parameter 'max_depth'").hasMessageContaining("gamma");
        assertThat(BoosterParams.from(Config.of(Map.of()))).isEqualTo(BoosterParams.DEMO.of(Config.of(Map.of())));
    }

    @Test
    void aTunableParameterChangesTheTrainedBooster() throws Exception {
        XGBoostObjective objective = new XGBoostObjective(SPLIT.train(), SPLIT.validation(),
                BoosterParams.DEMO.tunable("gamma", 0.0));
        RecordingTrialContext free = RecordingTrialContext.straight(5, Files.createDirectory(tmp.resolve("free")));
        objective.run(Config.of(Map.of("gamma", 0.0)), free);
        RecordingTrialContext pruned = RecordingTrialContext.straight(5, Files.createDirectory(tmp.resolve("pruned")));
        objective.run(Config.of(Map.of("gamma", 1000.0)), pruned); // no split gains that much: stumps
        assertThat(free.last().metrics().get("logloss")).isLessThan(pruned.last().metrics().get("logloss") - 0.01);
    }
}
