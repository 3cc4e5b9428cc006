package dev.ladder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.Metric;
import java.time.Instant;
import java.util.Optional;

/**
 * What an experiment optimises and how, as its journal's first event ({@code experiment}, written by the
 * Tuner for every experiment, whoever made it) records it: the metric and its mode, the scheduler's
 * description, the workers and when it began. An experiment that never ran has no such event: then the
 * CLI's spec (the {@code metric} and {@code scheduler} of {@code ladder run} and {@code demo}) stands in.
 */
record JournalHeader(Metric metric, String scheduler, Optional<Instant> began) {
    /** When neither the journal nor a spec names the metric. */
    private static final Metric UNKNOWN = Metric.minimize("value");

    /** The header in {@code first}, the journal's first event; empty when it is not an {@code experiment} event. */
    static Optional<JournalHeader> of(JournalEntry first) {
        if (first == null || !(first.event() instanceof JournalEvent.Experiment x)) {
            return Optional.empty();
        }
        return Optional.of(new JournalHeader(x.metric(), x.scheduler(), Optional.ofNullable(first.time())));
    }

    /** The metric and scheduler name of a CLI spec (JSON) that has not run yet; "value" (min) when it names none. */
    static JournalHeader ofSpec(String specJson, String experiment) {
        JsonNode spec;
        try {
            spec = DemoCommand.JSON.readTree(specJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("experiment " + experiment + ": its stored spec is not JSON", e);
        }
        JsonNode m = spec.path("metric");
        Metric metric = UNKNOWN;
        if (m.path("name").isTextual()) {
            metric = m.path("mode").asText("min").equals("max") ? Metric.maximize(m.get("name").asText())
                    : Metric.minimize(m.get("name").asText());
        }
        JsonNode sched = spec.has("scheduler") ? spec.get("scheduler") : spec.path("spec").path("scheduler");
        return new JournalHeader(metric, sched.isTextual() ? sched.asText() : sched.path("name").asText(""), Optional.empty());
    }
}
