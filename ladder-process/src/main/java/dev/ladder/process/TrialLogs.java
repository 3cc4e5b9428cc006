package dev.ladder.process;

import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.LadderIoFailure;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A trial's log folder: {@code stdout.log} and {@code stderr.log}, appended to by every job of the
 * trial (first run, restarts, resumes after a pause). Lines from the executor itself go to
 * {@code stderr.log} and start with {@code [ladder <time>]}.
 *
 * <p>Invariants: every line is flushed as it is written (a log can be followed while the trial runs);
 * writes after {@link #close()} are dropped; the last {@value #KEPT} program stderr lines of the current
 * attempt are kept for failure messages; the first write that fails (a full disk) is kept as
 * {@link #failure()}: Ladder's own storage failed, which ends the job without failing the trial.
 */
final class TrialLogs implements Closeable {
    static final int KEPT = 5;
    private static final int MAX_KEPT_CHARS = 300;

    private final Path dir;
    private final Path outFile;
    private final Path errFile;
    private final BufferedWriter out;
    private final BufferedWriter err;
    private LadderIoFailure failure;
    private final Deque<String> lastErr = new ArrayDeque<>();
    private boolean closed;

    TrialLogs(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.outFile = dir.resolve("stdout.log");
        this.errFile = dir.resolve("stderr.log");
        this.out = open(outFile);
        this.err = open(errFile);
    }

    private static BufferedWriter open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * The log folder of {@code job}'s trial: {@code logRoot/trial-N} when a log root is set; otherwise next
     * to the checkpoint folders: {@code <experiment>/logs/trial-N} for {@code <experiment>/checkpoints/trial-N/job-S},
     * and {@code <root>-logs/trial-N} for a checkpoint root of another name (a temporary one).
     */
    static Path folder(Path logRoot, Job job) {
        String name = "trial-" + job.trialId();
        if (logRoot != null) {
            return logRoot.resolve(name);
        }
        Path root = ProcessExecutor.checkpointRoot(job);
        String rootName = root.getFileName() == null ? "" : root.getFileName().toString();
        return (rootName.equals("checkpoints") ? root.resolveSibling("logs") : root.resolveSibling(rootName + "-logs"))
                .resolve(name);
    }

    Path dir() {
        return dir;
    }

    synchronized void out(String line) {
        write(out, outFile, line);
    }

    synchronized void err(String line) {
        write(err, errFile, line);
        lastErr.addLast(line.length() > MAX_KEPT_CHARS ? line.substring(0, MAX_KEPT_CHARS) + "..." : line);
        if (lastErr.size() > KEPT) {
            lastErr.removeFirst();
        }
    }

    /** A line from the executor (start, restart, signals) in stderr.log. */
    synchronized void note(String text) {
        write(err, errFile, "[ladder " + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "] " + text);
    }

    /** Forgets the kept stderr lines: a new attempt starts. */
    synchronized void newAttempt() {
        lastErr.clear();
    }

    synchronized List<String> lastErrLines() {
        return new ArrayList<>(lastErr);
    }

    /** The first write that failed, if any. */
    synchronized LadderIoFailure failure() {
        return failure;
    }

    private void write(BufferedWriter w, Path file, String line) {
        if (closed || failure != null) {
            return;
        }
        try {
            w.write(line);
            w.newLine();
            w.flush();
        } catch (IOException e) {
            failure = LadderIoFailure.of("cannot write the trial's log", file, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            err.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
