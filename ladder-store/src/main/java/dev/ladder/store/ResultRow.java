package dev.ladder.store;

import java.util.Objects;

/** One report of a trial: the resource it was made at, its metrics (JSON) and elapsed seconds. */
public record ResultRow(int trialId, long resource, String metricsJson, double timeS) {
    /** Rejects null metrics. */
    public ResultRow {
        Objects.requireNonNull(metricsJson, "result metrics");
    }
}
