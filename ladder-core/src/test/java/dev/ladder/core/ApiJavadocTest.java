package dev.ladder.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public type, method and constructor of ladder-core's API packages has a javadoc comment (README, "Use Ladder
 * from Java", names the packages; {@link ApiJavadoc} says what counts). A new undocumented public method fails here,
 * naming its file and line.
 */
class ApiJavadocTest {
    /** The API: what a Java user of ladder-core calls. The rest (gp, share, journal's replay helpers) is internal. */
    static final List<String> API_PACKAGES = List.of("dev.ladder.core", "dev.ladder.core.space", "dev.ladder.core.tune",
            "dev.ladder.core.schedule", "dev.ladder.core.search", "dev.ladder.core.registry", "dev.ladder.core.pareto");

    @Test
    void everyPublicTypeAndMethodOfTheApiPackagesIsDocumented() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            missing.addAll(ApiJavadoc.undocumented(Path.of("src/main/java").resolve(pkg.replace('.', '/'))));
        }
        assertThat(missing).as("public API without javadoc").isEmpty();
    }

    @Test
    void anUndocumentedPublicMethodIsFound() throws IOException {
        Path dir = Files.createTempDirectory("api-javadoc");
        Files.writeString(dir.resolve("Sample.java"), """
                package sample;
                /** Documented. */
                public interface Sample {
                    /** Documented. */
                    int documented();
                    int bare(String x);
                    /** Documented. */
                    record Value(int x) {
                        public Value {
                        }
                        @Override
                        public String toString() { return ""; }
                    }
                    class Nested { public void inApi() { } }
                    private static void helper() { }
                }
                class Internal { public void notApi() { } }
                """);
        assertThat(ApiJavadoc.undocumented(dir)).containsExactly("Sample.java:6 method bare", "Sample.java:9 constructor Value",
                "Sample.java:14 class Nested", "Sample.java:14 method inApi");
    }
}
