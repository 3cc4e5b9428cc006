package dev.ladder.core.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run keeps its journal, its results table and its checkpoints: a journal handed in (a store)
 * with a checkpoint folder, the folder {@code out/name} ({@code events.jsonl}, {@code results.csv},
 * {@code checkpoints/}), or nothing but a temporary checkpoint folder deleted at the end.
 *
 * @param dir         the experiment's folder, null when the run keeps no files
 * @param csv         the results table, null without an experiment folder
 * @param temporary   true when the checkpoints are to be deleted at the end
 */
record RunFolder(EventLog log, ResultsCsv csv, Path checkpoints, Path dir, boolean temporary) {

    /** Journals to {@code log} and keeps checkpoints under {@code checkpoints}. */
    static RunFolder of(EventLog log, Path checkpoints) {
        try {
            Files.createDirectories(checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint folder " + checkpoints, e);
        }
        return new RunFolder(log, null, checkpoints, checkpoints, false);
    }

    /** Keeps nothing: checkpoints live in a temporary folder. */
    static RunFolder none() {
        try {
            return new RunFolder(EventLog.none(), null, Files.createTempDirectory("ladder-checkpoints-"), null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint folder", e);
        }
    }

    /** The folder {@code out/name}: a new experiment must not exist there, a resumed one must; results.csv when {@code table}. */
    static RunFolder open(Path out, String name, boolean resume, boolean table) {
        Path dir = out.resolve(name);
        if (!resume && Files.exists(dir.resolve("events.jsonl"))) {
            throw new IllegalArgumentException("experiment '" + name + "' already exists in " + dir
                    + "; resume it or choose another name or folder");
        }
        if (resume && !Files.exists(dir.resolve("events.jsonl"))) {
            throw new IllegalArgumentException("no experiment '" + name + "' to resume in " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the experiment folder " + dir, e);
        }
        return new RunFolder(EventLog.jsonl(dir.resolve("events.jsonl")), table ? new ResultsCsv(dir.resolve("results.csv")) : null,
                dir.resolve("checkpoints"), dir, false);
    }
}
