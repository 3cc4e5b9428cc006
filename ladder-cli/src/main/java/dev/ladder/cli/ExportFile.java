package dev.ladder.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The file {@code ladder export -o} writes: checked before the store is read (never the store itself or
 * one of its SQLite side files, never an existing file without --force, never into a missing folder),
 * then written to a temporary file in the same folder and renamed over the target, so that a failed
 * export leaves the target as it was.
 */
record ExportFile(Path target, boolean force) {
    /** The SQLite side files of a store: writing over them corrupts it as surely as writing over the store. */
    private static final List<String> STORE_SUFFIXES = List.of("", "-wal", "-shm", "-journal");

    /** Writer of the export's content. */
    interface Body {
        void write(Writer out) throws IOException;
    }

    /** Fails naming the problem unless {@code target} may be written; {@code store} is the SQLite file, if any. */
    ExportFile check(Optional<Path> store) throws IOException {
        Path folder = target.toAbsolutePath().normalize().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write " + target + ": folder " + folder + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot write " + target + ": it is a folder; give a file name");
        }
        if (store.isPresent()) {
            Path real = real(target);
            for (String suffix : STORE_SUFFIXES) {
                Path storeFile = store.get().resolveSibling(store.get().getFileName() + suffix);
                boolean same = real.equals(real(storeFile))
                        || Files.exists(target) && Files.exists(storeFile) && Files.isSameFile(target, storeFile);
                if (same) {
                    throw new IllegalArgumentException("cannot write " + target + ": it is the store " + storeFile
                            + (suffix.isEmpty() ? "" : " (its " + suffix.substring(1) + " file)")
                            + " and would destroy every experiment in it; choose another file");
                }
            }
        }
        if (!force && (Files.exists(target) || Files.isSymbolicLink(target))) {
            throw new IllegalArgumentException("cannot write " + target + ": it exists; add --force to replace it");
        }
        return this;
    }

    /**
     * Fails unless the target is another file than {@code kept} ({@code what} names it): a JSON-lines journal,
     * which a running Tuner appends to, is never replaced by an export.
     */
    void checkNot(Path kept, String what) throws IOException {
        if (real(target).equals(real(kept)) || Files.exists(target) && Files.isSameFile(target, kept)) {
            throw new IllegalArgumentException("cannot write " + target + ": it is " + what + " (" + kept
                    + "); choose another file");
        }
    }

    /** Writes {@code body} to a temporary file beside the target, syncs it and renames it over the target. */
    void write(Body body) throws IOException {
        replace(tmp -> {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(out);
            }
        });
    }

    /** Writes {@code bytes} as {@link #write(Body)} writes text: beside the target first, then renamed over it. */
    void write(byte[] bytes) throws IOException {
        replace(tmp -> Files.write(tmp, bytes));
    }

    private interface Fill {
        void into(Path tmp) throws IOException;
    }

    private void replace(Fill fill) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            fill.into(tmp);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            if (force) {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, abs); // a rename in one folder; fails if the target appeared meanwhile
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The real path of {@code p}, also when it does not exist (then its folder's real path and its name). */
    private static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path parent = abs.getParent();
        return parent == null ? abs : real(parent).resolve(abs.getFileName());
    }
}
