package dev.ladder.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files that processes of this machine hold open, from Linux's {@code /proc/PID/fd} (only processes whose
 * descriptors this user may read): a JSON-lines journal has no lease, but the Tuner that writes it keeps it
 * open for its whole session, so a journal held open is being run. Empty where there is no {@code /proc}.
 */
final class OpenFiles {
    private final Map<Path, Long> holders;

    private OpenFiles(Map<Path, Long> holders) {
        this.holders = holders;
    }

    /** Reads who holds what open now. */
    static OpenFiles scan() {
        Map<Path, Long> holders = new HashMap<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return new OpenFiles(holders);
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                long id = Long.parseLong(pid.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            holders.putIfAbsent(Files.readSymbolicLink(fd), id);
                        } catch (IOException | UnsupportedOperationException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    // another user's process, or one that ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc to read: nothing is known to be held
        }
        return new OpenFiles(holders);
    }

    /** The process that holds {@code file} open, if one of this machine does. */
    Optional<Long> holder(Path file) {
        try {
            return Optional.ofNullable(holders.get(file.toRealPath()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
