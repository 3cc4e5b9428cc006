package dev.ladder.core.tune;

import dev.ladder.core.Config;
import java.nio.file.Path;

/** One run of a trial on a worker: from {@code resumeFrom} up to {@code maxResource}. */
public record Job(int trialId, Config config, long resumeFrom, long maxResource, Path checkpointDir) {
}
