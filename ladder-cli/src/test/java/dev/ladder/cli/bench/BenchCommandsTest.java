package dev.ladder.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest;
import dev.ladder.cli.LadderCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each benchmark command on a tiny budget, and the flags they share (issue 15). */
class BenchCommandsTest {
    static final List<String> COMPOSING = List.of("bench", "bench-pasha", "bench-rush", "bench-stragglers", "bench-fair-share",
            "bench-parallel", "bench-models", "bench-multi-objective");

    @Test
    void comparesMethodsOnLcbenchAndWritesTableCsvAndPlot(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench", "--tasks", "lcbench:189906", "--methods", "random,asha",
                "--seeds", "2", "--workers", "2", "--budget", "10m", "--target", "99.9", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("lcbench:189906, 2 workers").contains("| random | 2 |").contains("| asha | 2 |")
                .contains("final value: chosen configuration at r_max").contains("best seen at any resource")
                .contains("(2 of 2 missed)"); // a target no run reaches is reported as misses, not left out
        assertThat(Files.readAllLines(out.resolve("results.csv")).get(0))
                .isEqualTo("method,benchmark,workers,seed,time_s,trial,resource,value");
        assertThat(Files.size(out.resolve("best-lcbench-189906-2-workers.png"))).isGreaterThan(2000);
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("Command: `./ladder bench --tasks lcbench:189906").contains("Final value: the value at the maximum resource");
    }

    @Test
    void seedsAsARangeRunExactlyThoseSeeds(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench", "--tasks", "synthetic:9", "--methods", "asha", "--seeds", "101..103",
                "--workers", "2", "--budget", "60s", "--threads", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("seeds 101..103");
        assertThat(Files.readAllLines(out.resolve("results.csv")).stream().skip(1).map(l -> l.split(",")[3]).distinct())
                .containsExactlyInAnyOrder("101", "102", "103");
    }

    @Test
    void badInputIsOneClearError(@TempDir Path out) {
        assertThat(DemoCommandTest.ladder("bench", "--tasks", "nasbench201:cifar10", "--methods", "random,asha", "--seeds", "1",
                "--out", out.toString()).err())
                .contains("method 'asha' is multi-fidelity").contains("nasbench201:cifar10");
        assertThat(DemoCommandTest.ladder("bench", "--tasks", "lcbench:1", "--out", out.toString()).err()).contains("no task 1");
        assertThat(DemoCommandTest.ladder("bench", "--out", out.toString()).err()).contains("--tasks is required");
        assertThat(DemoCommandTest.ladder("bench", "--tasks", "synthetic:9", "--budget", "two hours", "--out", out.toString()).err())
                .contains("--budget 'two hours' is not a duration");
        assertThat(DemoCommandTest.ladder("bench-pasha", "--seeds", "15..3", "--out", out.toString()).err())
                .contains("--seeds range '15..3'");
        assertThat(DemoCommandTest.ladder("bench-rush", "--tasks", "hpobench:australian,lcbench:189906", "--out", out.toString()).err())
                .contains("hpobench:australian has a single fidelity");
        assertThat(DemoCommandTest.ladder("bench-stragglers", "--tasks", "lcbench:189906", "--out", out.toString()).err())
                .contains("synthetic:R").contains("lcbench:189906");
        assertThat(DemoCommandTest.ladder("bench", "--tasks", "synthetic:9", "--threads", "0", "--out", out.toString()).err())
                .contains("--threads must be at least 1");
    }

    @Test
    void tabularBenchmarksRunWithRandomSearch(@TempDir Path out) {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench", "--tasks", "nasbench201:cifar10", "--methods", "random",
                "--seeds", "1", "--workers", "2", "--budget", "60s", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void stragglerStudyOnATinyGrid(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-stragglers", "--sigmas", "0,1", "--drops", "0", "--seeds", "1",
                "--horizon", "600", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("stragglers.md"))).contains("| 0.00 | 0.0000 |").contains("| 1.00 | 0.0000 |")
                .contains("missed)");
        assertThat(out.resolve("configs-at-R.png")).exists();
        assertThat(out.resolve("time-to-first-R.png")).exists();
    }

    @Test
    void multiObjectiveStudyOnATinyBudget(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-multi-objective", "--seeds", "2", "--horizon", "810", "--threads", "2",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("multi-objective.md"));
        for (String method : List.of("| random |", "| mo-asha |", "| mo-asha-stopping |", "| asha-scalarised |")) {
            assertThat(md).contains(method);
        }
        assertThat(out.resolve("hypervolume.png")).isNotEmptyFile();
        assertThat(DemoCommandTest.ladder("bench-multi-objective", "--tasks", "lcbench:189906", "--out", out.toString()).err())
                .contains("--tasks").contains("zdt1");
        DemoCommandTest.Run d = DemoCommandTest.ladder("bench-decisions", "--scheduler", "mo-asha", "--objectives", "3", "--trials", "300",
                "--warmup-trials", "0");
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.out()).contains("mo-asha (3 objectives)").contains("objectives=[loss min, objective2 min, objective3 min]");
    }

    @Test
    void pashaStudyOnATinySetting(@TempDir Path out) {
        DemoCommandTest.Run p = DemoCommandTest.ladder("bench-pasha", "--tasks", "lcbench:189906", "--seeds", "3..4", "--trials", "40",
                "--threads", "2", "--out", out.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("2 seeds (3..4)").contains("| lcbench:189906 | asha |").contains("| lcbench:189906 | pasha |")
                .contains("| lcbench:189906 | one-epoch |").contains("best seen (mean ± std)").contains("mean speedup");
        assertThat(out.resolve("pasha.md")).exists();
    }

    @Test
    void modelBasedStudyOnATinySetting(@TempDir Path out) {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-models", "--tasks", "lcbench:189906,lcbench:167149", "--seeds", "2",
                "--methods", "random,asha,asha+kde", "--budget", "10m", "--plots", "1", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| asha | 0 of 2 | 2 of 2 | 1.00x |").contains("| asha+kde |").contains("| lcbench:167149 |");
        assertThat(out.resolve("summary.md")).exists();
        assertThat(out.resolve("finals.csv")).exists();
        assertThat(out.resolve("best-lcbench-189906.png")).exists();
        DemoCommandTest.Run bad = DemoCommandTest.ladder("bench-models", "--tasks", "lcbench:189906", "--methods", "random,hyperband",
                "--out", out.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("must include asha");
        DemoCommandTest.Run unknown = DemoCommandTest.ladder("bench-models", "--tasks", "lcbench:189906", "--methods", "asha,asha+gpp",
                "--out", out.toString());
        assertThat(unknown.err()).contains("gpp");
    }

    @Test
    void rushStudyOnATinySetting(@TempDir Path out) {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-rush", "--tasks", "lcbench:189906,lcbench:167149", "--seeds", "1",
                "--trials", "30", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| asha |").contains("| hyperband |").contains("| rush |").contains("best seen (mean per task)");
        assertThat(out.resolve("rush.md")).exists();
    }

    @Test
    void fairShareStudyOnASmallPool(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-fair-share", "--workers", "8", "--trials", "60,20", "--arrivals", "0,10",
                "--weights", "1,2", "--seeds", "2", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| fair-share |").contains("| fifo |").contains("| static |")
                .contains("e1 (n=60, w=1, arrives 0)").contains("e2 (n=20, w=2, arrives 10)");
        assertThat(Files.readAllLines(out.resolve("steps.csv")).get(0)).isEqualTo("policy,time,experiment,busy,allocated");
        assertThat(Files.readAllLines(out.resolve("steps.csv"))).anyMatch(l -> l.startsWith("fair-share,10.0000,e2,"));
        for (String p : List.of("busy-fair-share.png", "busy-fifo.png", "busy-static.png")) {
            assertThat(Files.size(out.resolve(p))).as(p).isGreaterThan(2000);
        }
        assertThat(DemoCommandTest.ladder("bench-fair-share", "--trials", "60,20", "--arrivals", "0", "--out", out.toString()).err())
                .contains("--trials gives 2 experiments").contains("--arrivals");
        assertThat(DemoCommandTest.ladder("bench-fair-share", "--tasks", "lcbench:189906", "--out", out.toString()).err())
                .contains("synthetic:R").contains("lcbench:189906");
    }

    @Test
    void parallelTrainingStudyOnASmallPool(@TempDir Path out) throws Exception {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-parallel", "--tasks", "synthetic:27", "--workers", "8", "--trials", "30",
                "--seeds", "2", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| k = 1 |").contains("| policy (kappa = 16) |");
        assertThat(Files.size(out.resolve("busy-parallel.png"))).isGreaterThan(2000);
        assertThat(DemoCommandTest.ladder("bench-parallel", "--efficiency", "2", "--out", out.toString()).err())
                .contains("--efficiency").contains("target efficiency");
    }

    @Test
    void decisionBenchmarkOnATinyRun() {
        DemoCommandTest.Run r = DemoCommandTest.ladder("bench-decisions", "--scheduler", "asha", "--trials", "300", "--warmup-trials", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("decisions");
    }

    /** The shared flags come from one mixin: same names, same help, in every composing benchmark command. */
    @Test
    void theBenchmarkCommandsShareTasksSeedsAndThreads() {
        CommandLine top = LadderCli.commandLine();
        for (String flag : List.of("--tasks", "--seeds", "--threads")) {
            String help = top.getSubcommands().get("bench").getCommandSpec().findOption(flag).description()[0];
            for (String name : COMPOSING) {
                CommandLine.Model.OptionSpec o = top.getSubcommands().get(name).getCommandSpec().findOption(flag);
                assertThat(o).as("%s %s", name, flag).isNotNull();
                assertThat(o.description()[0]).as("%s %s", name, flag).isEqualTo(help);
            }
        }
        assertThat(top.getSubcommands().values()).filteredOn(c -> c.getCommandName().startsWith("bench"))
                .allSatisfy(c -> assertThat(c.getCommand().getClass().getPackageName()).isEqualTo("dev.ladder.cli.bench"));
    }
}
