package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of the README compiles against the real API and runs. */
class ReadmeExampleTest {

    @Test
    void readmeJavaExampleCompilesAndRuns(@TempDir Path tmp) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has a java block").isTrue();
        String source = m.group(1).replace("Path.of(\"ladder-runs\")",
                "Path.of(\"" + tmp.resolve("runs").toString().replace("\\", "/") + "\")");
        Path file = tmp.resolve("QuickStart.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, null, diagnostics, "-cp", System.getProperty("java.class.path"),
                "-d", tmp.toString(), file.toString());
        assertThat(code).as(diagnostics.toString()).isZero();

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        assertThat(captured.toString()).startsWith("best: Best[trialId=").contains("resource=27");
        List<String> events = Files.readAllLines(tmp.resolve("runs/quickstart/events.jsonl"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"resume\""));
    }
}
