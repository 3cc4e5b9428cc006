package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's durable Java example compiles, runs in its own folder, and extends itself when run again. */
class ReadmeDurableExampleTest {
    @Test
    void theDurableExampleRunsAndAResumeExtendsIt(@TempDir Path tmp) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("```java\n((?:(?!```).)*public class Durable(?:(?!```).)*)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README has the Durable example").isTrue();
        Files.writeString(tmp.resolve("Durable.java"), m.group(1));
        String cp = System.getProperty("java.class.path");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", cp, "-d", tmp.toString(),
                tmp.resolve("Durable.java").toString())).isZero();

        String first = run(tmp, cp, "20");
        String second = run(tmp, cp, "35");

        assertThat(first).contains("20 trials; best: Best[");
        assertThat(second).contains("35 trials; best: Best[");
        try (var files = Files.walk(tmp.resolve("ladder-runs/durable/checkpoints"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("checkpoint.bin")).count()).isEqualTo(5);
        }
        // the CLI reads it with the metric and scheduler the Java program gave it (its stored spec is "{}")
        Matcher best = Pattern.compile("best: Best\\[trialId=(\\d+), config=.*, resource=(\\d+), value=([0-9.E-]+)\\]").matcher(second);
        assertThat(best.find()).as(second).isTrue();
        String bestText = String.format(java.util.Locale.ROOT, "loss %.4f (trial %s at %s)",
                Double.parseDouble(best.group(3)), best.group(1), best.group(2));
        String show = DemoCommandTest.ladder("show", "durable", "--out", tmp.resolve("ladder-runs").toString()).out();
        assertThat(show).contains("metric     loss (min)").contains("best       " + bestText).contains("scheduler asha(")
                .doesNotContain("NaN");
        assertThat(DemoCommandTest.ladder("ls", "--out", tmp.resolve("ladder-runs").toString()).out())
                .startsWith("durable  FINISHED  35 trials  best " + bestText);
    }

    private static String run(Path dir, String cp, String trials) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dir + File.pathSeparator + cp, "Durable", trials))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
