package dev.ladder.store;

import dev.ladder.core.TrialStatus;
import java.util.Objects;

/**
 * A trial as stored: its config (JSON), status, the largest resource it reported, the location
 * of its checkpoint as the journal records it (relative to the experiment's checkpoint folder; null when
 * none) and the reason for its status. Writing one upserts it.
 */
public record TrialRow(int trialId, String configJson, TrialStatus status, long lastResource,
                       String checkpoint, String reason) {
    /** Rejects a null config or status; a null reason reads as none. */
    public TrialRow {
        Objects.requireNonNull(configJson, "trial config");
        Objects.requireNonNull(status, "trial status");
        reason = reason == null ? "" : reason;
    }
}
