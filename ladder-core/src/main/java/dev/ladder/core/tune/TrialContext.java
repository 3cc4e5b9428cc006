package dev.ladder.core.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/** What a running trial sees of the tuner: its job, the report channel and its checkpoint folder. */
public interface TrialContext {
    String CHECKPOINT_FILE = "checkpoint.bin";

    /** The trial's id, as in the journal, {@code ladder why} and the checkpoint folder {@code trial-N}. */
    int trialId();

    /**
     * The resource this job starts from: 0 for a new trial, the last recorded resource on resume. After a
     * crash the checkpoint may be older than this (or missing): train on from the checkpoint (or from
     * scratch) and report again; the tuner ignores reports up to {@code resumeFrom()}. The checkpoint is
     * never ahead of this: a folder counts only once its job's end is recorded.
     */
    long resumeFrom();

    /** The resource at which this job ends (the next rung for ASHA, r_max for FIFO). */
    long maxResource();

    /**
     * Reports the metrics measured after training up to {@code resource} and waits for the
     * scheduler's decision.
     *
     * @return true to go on training, false to save a checkpoint (if wanted) and return
     */
    boolean report(long resource, Map<String, Double> metrics);

    /**
     * This job's checkpoint folder: a fresh folder holding a copy of the trial's last recorded
     * checkpoint. It becomes the trial's checkpoint once the journal records the job's end.
     */
    Path checkpointDir();

    /**
     * Atomically replaces this trial's checkpoint with {@code bytes}. A failure to write (a full disk, an
     * unwritable folder) throws {@link LadderIoFailure}: the experiment pauses, the trial does not fail.
     */
    default void saveCheckpoint(byte[] bytes) {
        Path dir = checkpointDir();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "checkpoint", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(CHECKPOINT_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp); // gives back what the half-written copy took
                } catch (IOException ignored) {
                    // the next save or the checkpoint policy removes it
                }
            }
            throw LadderIoFailure.of("cannot save the checkpoint of trial " + trialId(), tmp != null ? tmp : dir, e);
        }
    }

    /** The bytes last saved by {@link #saveCheckpoint}, if any. */
    default Optional<byte[]> loadCheckpoint() {
        Path file = checkpointDir().resolve(CHECKPOINT_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("trial " + trialId() + ": cannot read checkpoint " + file, e);
        }
    }
}
