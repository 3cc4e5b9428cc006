package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.schedule.Schedulers;
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
            DemoCommandTest.Run r = DemoCommandTest.ladder("preview", "--scheduler", name,
                    "--min-resource", "1", "--max-resource", "81", "--eta", "3");
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

    @Test
    void badInputIsNamed() {
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "hyperband").err()).contains("preview needs --max-resource");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "adaptive", "--max-resource", "81", "--mode", "wild").err())
                .contains("--mode 'wild' is not one of [aggressive, standard, conservative]");
        assertThat(DemoCommandTest.ladder("preview", "--scheduler", "hyperband", "--max-resource", "81", "--eta", "1").err())
                .contains("eta");
    }
}
