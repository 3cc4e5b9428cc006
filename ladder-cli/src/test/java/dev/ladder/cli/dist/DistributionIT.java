package dev.ladder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distributions (run after {@code package}, in {@code integration-test}): the tuning distribution,
 * {@code ladder.jar} and {@code lib/}, carries neither the benchmark data nor ONNX Runtime and runs the demo on its
 * own; the benchmark add-on, {@code bench-lib/}, brings both, and {@code ./ladder bench} finds it in a clone; without
 * it a bench command says where the data comes from.
 */
class DistributionIT {
    static final Path TARGET = Path.of("target");

    @TempDir
    Path tmp;

    @Test
    void theTuningDistributionHoldsNoBenchmarkDataAndNoOnnxRuntime() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path jar : jars(TARGET.resolve("lib"))) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().filter(e -> e.getName().startsWith("benchmarks/") || e.getName().startsWith("ai/onnxruntime/"))
                        .findFirst().ifPresent(e -> offending.add(jar.getFileName() + ": " + e.getName()));
            }
        }
        assertThat(offending).isEmpty();
        assertThat(jars(TARGET.resolve("lib"))).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.startsWith("ladder-benchmarks-0")) // the harness and LinePlot (the experiment PNGs) stay
                .anyMatch(n -> n.startsWith("xgboost4j"));
        assertThat(jars(TARGET.resolve("bench-lib"))).extracting(p -> p.getFileName().toString())
                .hasSize(2).anyMatch(n -> n.startsWith("ladder-benchmarks-data-")).anyMatch(n -> n.startsWith("onnxruntime-"));
    }

    @Test
    void theLadderScriptRunsABenchmarkOnTheSurrogateFromTheClone() throws Exception {
        Processes.Run r = Processes.run(Path.of(".."), tmp.resolve("logs"), List.of("bash", "ladder", "bench", "--tasks",
                "lcbench:189906", "--methods", "random", "--seeds", "1", "--budget", "90s", "--out", tmp.resolve("bench").toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| random | 1 |").contains("reports/s");
        assertThat(tmp.resolve("bench/results.csv")).exists();
    }

    @Test
    void theTuningDistributionAloneRunsTheDemoAndABenchCommandNamesTheAddOn() throws Exception {
        Path dist = Files.createDirectories(tmp.resolve("ladder"));
        Files.copy(TARGET.resolve("ladder.jar"), dist.resolve("ladder.jar"));
        Path lib = Files.createDirectories(dist.resolve("lib"));
        for (Path jar : jars(TARGET.resolve("lib"))) { // hard links: as fast as a symlink, and nothing of target/ to delete
            Files.createLink(lib.resolve(jar.getFileName()), jar);
        }
        String jar = dist.resolve("ladder.jar").toString();

        Processes.Run demo = Processes.run(tmp, tmp.resolve("logs"), List.of(Processes.java(), "-jar", jar, "demo",
                "--max-trials", "4", "--max-resource", "9", "--out", tmp.resolve("runs").toString(), "--name", "d"));
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Best trial: #").contains("Held-out test split");

        Processes.Run bench = Processes.run(tmp, tmp.resolve("logs"), List.of(Processes.java(), "-jar", jar, "bench", "--tasks",
                "nasbench201:cifar10", "--methods", "random", "--seeds", "1", "--budget", "90s", "--out", tmp.resolve("b").toString()));
        assertThat(bench.code()).isEqualTo(1);
        assertThat(bench.err()).contains("benchmark table /benchmarks/nasbench201/cifar10.csv.gz is not on the classpath")
                .contains("benchmark add-on").contains("bench-lib/");
        Processes.Run lcbench = Processes.run(tmp, tmp.resolve("logs"), List.of(Processes.java(), "-jar", jar, "bench", "--tasks",
                "lcbench:189906", "--methods", "random", "--seeds", "1", "--budget", "90s", "--out", tmp.resolve("b").toString()));
        assertThat(lcbench.code()).isEqualTo(1);
        assertThat(lcbench.err()).contains("not on the classpath").contains("benchmark add-on");
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
