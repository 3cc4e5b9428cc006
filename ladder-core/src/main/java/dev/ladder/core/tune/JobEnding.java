package dev.ladder.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.core.TrialStatus;
import java.util.Map;
import java.util.Optional;

/**
 * How a running job is to end once its objective returns: with a trial status (the pause, stop,
 * completion or failure decided for it), or suspended ({@code status} null) when the experiment is
 * paused or ended while the scheduler still counts the job as running; a suspended job runs again up
 * to its target when the experiment resumes. The tuner journals it with the event that decided it
 * (field {@code then}), so a replay knows it without re-deriving the rule.
 */
record JobEnding(TrialStatus status, String reason) {
    static final String SUSPEND = "SUSPEND";

    static JobEnding suspend(String reason) {
        return new JobEnding(null, reason);
    }

    boolean suspends() {
        return status == null;
    }

    String statusName() {
        return status == null ? SUSPEND : status.name();
    }

    Map<String, String> asMap() {
        return Map.of("status", statusName(), "reason", reason);
    }

    static Optional<JobEnding> read(JsonNode event) {
        JsonNode then = event.get("then");
        if (then == null || then.isNull()) {
            return Optional.empty();
        }
        String status = then.get("status").asText();
        return Optional.of(new JobEnding(status.equals(SUSPEND) ? null : TrialStatus.valueOf(status),
                then.path("reason").asText()));
    }
}
