package dev.ladder.cli.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code ladder} command in a child JVM of this one (same Java, same classpath made absolute, so
 * that specs run from other folders find it), its output appended to a log file: the process the
 * chaos harness kills with SIGKILL.
 */
public final class LadderJvm {
    private final Process process;

    private LadderJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code ladder ARGS...} with stdout and stderr appended to {@code log}. */
    public static LadderJvm start(Path log, List<String> args) throws IOException {
        return start(log, List.of(), args);
    }

    /** As above, the command run by {@code prefix} (e.g. {@code ip netns exec NAME}, which execs it in place). */
    public static LadderJvm start(Path log, List<String> prefix, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), "dev.ladder.cli.LadderCli"));
        cmd.addAll(args);
        return new LadderJvm(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    /** This JVM's classpath with every entry absolute (a jar's manifest Class-Path then still resolves). */
    static String classpath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (Java's destroyForcibly on Unix), then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the exit; returns its code, or fails naming the command's pid after {@code minutes}. */
    public int await(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("ladder process " + process.pid() + " did not finish within " + minutes
                    + " min and was killed");
        }
        return process.exitValue();
    }
}
