package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void comparesMethodsOnLcbenchAndWritesTableCsvAndPlot(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench", "--benchmark", "lcbench:189906", "--methods", "random,asha",
                "--seeds", "2", "--workers", "2", "--budget", "10m", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("lcbench:189906, 2 workers").contains("| random | 2 |").contains("| asha | 2 |");
        assertThat(Files.readAllLines(out.resolve("results.csv")).get(0))
                .isEqualTo("method,benchmark,workers,seed,time_s,trial,resource,value");
        assertThat(Files.size(out.resolve("best-lcbench-189906-2-workers.png"))).isGreaterThan(2000);
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("Command: `./ladder bench --benchmark lcbench:189906");
    }

    @Test
    void tabularBenchmarksAndBadInput(@TempDir Path out) {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench", "--benchmark", "nasbench201:cifar10", "--methods", "random",
                "--seeds", "1", "--workers", "2", "--budget", "60s", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(DemoCommandTest.ladder("bench", "--benchmark", "lcbench:1", "--out", out.toString()).err())
                .contains("no task 1");
        assertThat(DemoCommandTest.ladder("bench", "--benchmark", "synthetic:9", "--budget", "two hours", "--out", out.toString()).err())
                .contains("--budget 'two hours' is not a duration");
    }

    @Test
    void stragglerStudyOnATinyGrid(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-stragglers", "--sigmas", "0,1", "--drops", "0",
                "--repetitions", "1", "--horizon", "600", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("stragglers.md"))).contains("| 0.00 | 0.0000 |").contains("| 1.00 | 0.0000 |");
        assertThat(out.resolve("configs-at-R.png")).exists();
    }

    @Test
    void pashaAndRushStudiesOnTinySettings(@TempDir Path out) throws Exception {
        DemoCommandTest.Run p = DemoCommandTest.ladder("bench-pasha", "--tasks", "189906", "--seeds", "2", "--trials", "40",
                "--out", out.resolve("p").toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("| 189906 | asha |").contains("| 189906 | pasha |").contains("| 189906 | one-epoch |")
                .contains("mean speedup");
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-rush", "--tasks", "3", "--repetitions", "1", "--trials", "40",
                "--out", out.resolve("r").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| asha |").contains("| hyperband |").contains("| rush |");
        assertThat(out.resolve("r/rush.md")).exists();
    }

    @Test
    void demoWithRushGrowsTheTaskStore(@TempDir Path out) throws Exception {
        Path store = out.resolve("tasks.json");
        for (String seed : new String[] {"1", "2"}) {
            DemoCommandTest.Run r = DemoCommandTest.ladder("demo", "--scheduler", "rush", "--task-store", store.toString(),
                    "--max-trials", "20", "--min-resource", "1", "--max-resource", "9", "--seed", seed,
                    "--out", out.toString(), "--name", "t" + seed);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Task store " + store);
        }
        assertThat(Files.readString(store)).contains("\"name\" : \"t1\"").contains("\"name\" : \"t2\"");
    }
}
