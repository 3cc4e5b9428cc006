package dev.ladder.core.schedule;

import dev.ladder.core.Config;

/** What a scheduler asks the tuner to run next on a free worker. */
public sealed interface Suggestion {

    /** The resource the job runs up to. */
    long resource();

    /** Start a new trial with {@code config}, trained up to {@code resource}. */
    record Start(Config config, long resource) implements Suggestion {
    }

    /** Resume the paused trial {@code trialId} from its last resource up to {@code resource}. */
    record Resume(int trialId, long resource, String reason) implements Suggestion {
    }
}
