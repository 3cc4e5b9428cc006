package dev.ladder.core.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Ladder's own storage failed (a full disk, an unwritable folder, a lost database): not the trial's
 * fault. The tuner never marks a trial FAILED for it; it ends the session the way a crash would (the
 * executor closed, nothing more written, the store's lease released if the store still answers) and
 * {@link Tuner#run()} throws it, so the experiment can be resumed once the cause is fixed. The message
 * names the real cause and the path, e.g. {@code cannot save the checkpoint of trial 3: no space left
 * on device at /data/x/checkpoints/trial-3/checkpoint1.tmp}.
 */
public final class LadderIoFailure extends RuntimeException {

    /** A failure whose {@code message} names the cause and the path. */
    public LadderIoFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code doing} ("cannot append to the journal"), then the operating system's reason and the path it names. */
    public static LadderIoFailure of(String doing, Path path, IOException cause) {
        return new LadderIoFailure(doing + ": " + describe(cause, path), cause);
    }

    /**
     * The failure of Ladder's own I/O that {@code e} is or carries (its cause chain), an
     * {@link UncheckedIOException} made into one, or null when {@code e} is neither. Only the tuner's
     * thread may treat an {@link UncheckedIOException} so: every file it touches is Ladder's own.
     */
    public static LadderIoFailure of(Throwable e) {
        LadderIoFailure found = in(e);
        if (found == null && e instanceof UncheckedIOException u) {
            return new LadderIoFailure(u.getMessage() + ": " + describe(u.getCause(), null), u.getCause());
        }
        return found;
    }

    /** The failure of Ladder's own I/O in {@code e}'s cause chain (an objective may wrap it), or null. */
    public static LadderIoFailure in(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof LadderIoFailure f) {
                return f;
            }
        }
        return null;
    }

    /** The reason in the operating system's words, lower-cased, and the path: "no space left on device at /x". */
    static String describe(IOException e, Path path) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "a file is in the way";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile()
                : path == null ? null : path.toString();
        reason = reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        return file == null ? reason : reason + " at " + file;
    }
}
