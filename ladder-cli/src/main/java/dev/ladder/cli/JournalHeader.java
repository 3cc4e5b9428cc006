package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.Schedulers;
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

    /**
     * The metric and scheduler name of a CLI spec (JSON, {@link StoredSpec}, any shape it was stored in) that
     * has not run yet; "value" (min) and no scheduler when it is not a CLI spec.
     */
    static JournalHeader ofSpec(String specJson, String experiment) {
        JsonNode tree;
        try {
            tree = StoredSpec.read(specJson, experiment).tree();
        } catch (IllegalArgumentException e) {
            return new JournalHeader(UNKNOWN, "", Optional.empty()); // not a whole CLI spec (the Java API's own, say)
        }
        JsonNode m = tree.path("objectives").isArray() ? tree.path("objectives").path(0) : tree.path("metric");
        String metricName = m.isTextual() ? m.asText() : m.path("name").asText(UNKNOWN.name());
        Metric metric = m.path("mode").asText("min").equals("max") ? Metric.maximize(metricName) : Metric.minimize(metricName);
        JsonNode sched = tree.path("scheduler");
        JsonNode shortForm = tree.path("searcher");
        String scheduler = sched.isTextual() ? sched.asText() : sched.path("name").isTextual() ? sched.get("name").asText()
                : shortForm.isTextual() && Schedulers.NAMES.contains(shortForm.asText()) ? shortForm.asText() : Schedulers.DEFAULT;
        return new JournalHeader(metric, scheduler, Optional.empty());
    }
}
