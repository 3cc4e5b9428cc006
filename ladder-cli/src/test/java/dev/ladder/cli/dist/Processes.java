package dev.ladder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the packaged build (the ladder script, a JVM, Maven) to its end, with its output in files. */
final class Processes {
    /** What a finished command printed, and how it ended. */
    record Run(int code, String out, String err) {
    }

    private Processes() {
    }

    /** Runs {@code command} in {@code dir}, with stdout and stderr in files beside {@code logs}, for at most 3 minutes. */
    static Run run(Path dir, Path logs, List<String> command) throws Exception {
        Files.createDirectories(logs);
        Path out = Files.createTempFile(logs, "out", ".txt");
        Path err = Files.createTempFile(logs, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("%s ends within 3 minutes", command).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The java launcher of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
