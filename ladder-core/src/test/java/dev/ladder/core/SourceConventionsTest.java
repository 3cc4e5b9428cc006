package dev.ladder.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conventions over the main sources of every module of the reactor: each package says in a
 * {@code package-info.java} what it holds and what it may depend on, and sources are cited by title and
 * section, never by the file name of a local copy ({@code 002_4a2ca37c14d17f18.txt}).
 */
class SourceConventionsTest {
    static final Pattern SEED_FILE = Pattern.compile("\\b\\d{3}_[0-9a-f]{16}\\.txt\\b|shared/seeds/");

    /** The reactor's root: the surefire working directory is the module's own. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("../ladder-core")) ? here.getParent() : here;
    }

    static List<Path> mainSources() throws IOException {
        try (Stream<Path> modules = Files.list(root())) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).flatMap(dir -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static String packageOf(Path javaFile) {
        Path javaRoot = javaFile;
        while (!javaRoot.endsWith("java")) {
            javaRoot = javaRoot.getParent();
        }
        return javaRoot.relativize(javaFile.getParent()).toString().replace(java.io.File.separatorChar, '.');
    }

    @Test
    void everyPackageHasAPackageInfoSayingWhatItHoldsAndMayDependOn() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources).hasSizeGreaterThan(100); // the whole reactor, not one module
        for (Path dir : sources.stream().map(Path::getParent).distinct().toList()) {
            String pkg = packageOf(dir.resolve("X.java"));
            Path info = dir.resolve("package-info.java");
            assertThat(info).as(pkg).exists();
            String text = Files.readString(info);
            assertThat(text).as(info.toString()).contains("package " + pkg + ";").containsIgnoringCase("depend");
        }
    }

    @Test
    void noSourceCitesALocalFileInsteadOfATitle() throws IOException {
        List<String> offenders = mainSources().stream().filter(f -> {
            try {
                return SEED_FILE.matcher(Files.readString(f)).find();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).map(Path::toString).toList();
        assertThat(offenders).isEmpty();
    }
}
