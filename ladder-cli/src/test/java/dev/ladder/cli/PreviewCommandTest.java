package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.schedule.Schedulers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewCommandTest {

    @Test
    void hyperbandPreviewMatchesAlgorithmOne() {
        DemoCommandTest.Run r = DemoCommandTest.ladder("preview", "--scheduler", "hyperband",
                "--min-resource", "1", "--max-resource", "81", "--eta", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bracket 0:  81 configs @ 1  27 configs @ 3  9 configs @ 9  3 configs @ 27  1 configs @ 81")
                .contains("bracket 1:  34 configs @ 3").contains("bracket 2:  15 configs @ 9")
                .contains("bracket 3:  8 configs @ 27").contains("bracket 4:  5 configs @ 81")
                .contains("total resource: 1,581");
    }

    @Test
    void everySchedulerNamePreviewsWithTheSameFlags() {
        for (String name : Schedulers.NAMES) {
            List<String> args = new ArrayList<>(List.of("preview", "--scheduler", name, "--max-resource", "81"));
            if (Schedulers.entry(name).has("min_resource")) {
                args.addAll(List.of("--min-resource", "1", "--eta", "3"));
            }
            DemoCommandTest.Run r = DemoCommandTest.ladder(args.toArray(String[]::new));
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            assertThat(r.out()).startsWith(name + ":").contains("bracket 0:").contains("total resource:");
        }
    }

    @Test
    void adaptiveSplitsTrialsOverBrackets() {
        DemoCommandTest.Run r = DemoCommandTest.ladder("preview", "--scheduler", "adaptive", "--max-resource", "256",
                "--max-trials", "1000");
        assertThat(r.out()).contains("bracket 0:  707 configs @ 1").contains("220 configs @ 4").contains("73 configs @ 16");
    }

    /** Issue 19, part 6: 20 trials over rungs 1, 3, 9, 27 with eta 3 bring none to 27; the preview says so and how many would. */
    @Test
    void aTrialBudgetThatReachesNoMaximumIsSaidPlainly() {
        DemoCommandTest.Run r = DemoCommandTest.ladder("preview", "--scheduler", "asha", "--min-resource", "1",
                "--max-resource", "27", "--eta", "3", "--max-trials", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 configs @ 1  6 configs @ 3  2 configs @ 9  0 configs @ 27")
                .contains("warning: with max trials 20, asha brings no trial to the maximum resource 27 if every promotion "
                        + "is right (the highest it reaches is 9): one trial gets there with at least 27 trials");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "asha", "--min-resource", "1",
                "--max-resource", "27", "--eta", "3", "--max-trials", "27").out()).doesNotContain("warning");
    }

    @Test
    void badInputIsNamed() {
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "hyperband").err()).contains("preview needs --max-resource");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "adaptive", "--max-resource", "81", "--mode", "wild").err())
                .contains("--mode: expected one of aggressive, standard, conservative, got wild");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "hyperband", "--max-resource", "81", "--eta", "1").err())
                .contains("eta");
    }

    /** A flag of another scheduler is an error naming it; one the scheduler has is used, never ignored. */
    @Test
    void aFlagTheSchedulerDoesNotHaveIsRejectedAndOneItHasIsUsed() {
        DemoCommandTest.Run asha = DemoCommandTest.ladder("preview", "--scheduler", "asha", "--max-resource", "81", "--mode", "aggressive");
        assertThat(asha.code()).isNotZero();
        assertThat(asha.err()).contains("--mode does not apply to scheduler 'asha' with searcher 'random' "
                + "(their flags: --min-resource, --max-resource, --eta)");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "fifo", "--max-resource", "81", "--min-samples", "3").err())
                .contains("--min-samples does not apply to scheduler 'fifo'");
        // adaptive has an eta (4 by default): --eta 3 changes its rungs instead of being dropped
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "adaptive", "--max-resource", "81", "--max-trials", "100").out())
                .contains("configs @ 5 ").doesNotContain("configs @ 3 ");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "adaptive", "--max-resource", "81", "--max-trials", "100",
                "--eta", "3").out()).contains("configs @ 3 ").contains("configs @ 9 ");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "sha", "--max-resource", "81", "--early-stopping-rate", "2").out())
                .contains("bracket 2:  9 configs @ 9  3 configs @ 27  1 configs @ 81");
    }
}
