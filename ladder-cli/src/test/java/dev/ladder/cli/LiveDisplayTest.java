package dev.ladder.cli;

import dev.ladder.core.Best;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.tune.TuningResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveDisplayTest {
    private static Trial trial(int id, double lr) {
        return new Trial(id, Config.of(Map.of("lr", lr)));
    }

    @Test
    void plainOutputIsOneSummaryLineAndATerminalGetsTheRunningTable() {
        for (boolean terminal : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Metric loss = Metric.minimize("loss");
            try (LiveDisplay d = new LiveDisplay("q", 20, loss, new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal)) {
                Trial a = trial(0, 0.01);
                Trial b = trial(1, 0.2);
                d.onTrialStart(a, new Suggestion.Start(a.config(), 3));
                d.onTrialStart(b, new Suggestion.Start(b.config(), 3));
                Result r = new Result(0, 3, Map.of("loss", 0.25));
                d.onResult(a, r, Decision.pause("rung 0"), new Best(0, a.config(), 3, 0.25));
                a.setStatus(TrialStatus.PAUSED, "rung 0");
                d.onTrialEnd(a);
                d.onResult(b, new Result(1, 1, Map.of("loss", 0.5)), Decision.CONTINUE, new Best(0, a.config(), 3, 0.25));
            }
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("q 2/20 trials started").contains("1 running, 1 paused, 0 stopped, 0 completed, 0 failed")
                    .contains("best loss 0.2500 (trial 0 at 3)");
            if (terminal) {
                assertThat(out).contains("[###-") .contains("trial  resource").containsPattern("1  1/3 +0\\.5000 +lr=0\\.200");
            } else {
                assertThat(out).doesNotContain("\033[").doesNotContain("resource    ");
            }
        }
    }

    /** Without a trial limit (null, its one representation) the display counts trials and draws no bar: never x/0 or x/2147483647. */
    @Test
    void withoutATrialLimitItShowsTheCountAlone() {
        for (boolean terminal : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (LiveDisplay d = new LiveDisplay("q", null, Metric.minimize("loss"), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    terminal)) {
                Trial a = trial(0, 0.01);
                d.onTrialStart(a, new Suggestion.Start(a.config(), 3));
            }
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("q 1 trials started").doesNotContain("1/").doesNotContain("[---");
        }
    }
}
