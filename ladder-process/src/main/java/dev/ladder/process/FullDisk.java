package dev.ladder.process;

import dev.ladder.core.tune.LadderIoFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a trial process that failed because the disk under Ladder's folders for it (its checkpoint
 * folder, its logs) is full from one that failed on its own: a program cannot say why its write failed,
 * so a failure while less than {@value #MIN_FREE_BYTES} bytes are free there is taken for a full disk,
 * which pauses the experiment instead of failing the trial.
 */
final class FullDisk {
    static final long MIN_FREE_BYTES = 1 << 20;

    private FullDisk() {
    }

    /** The full disk under one of {@code folders} that {@code failure} is blamed on, or null when each has room. */
    static LadderIoFailure under(String failure, Path... folders) {
        for (Path folder : folders) {
            try {
                long free = Files.getFileStore(folder).getUsableSpace();
                if (free < MIN_FREE_BYTES) {
                    return new LadderIoFailure("no space left on device at " + folder + " (" + free + " bytes free) when "
                            + failure, null);
                }
            } catch (IOException gone) {
                // a folder that is not there (yet) has no disk to blame
            }
        }
        return null;
    }
}
