package dev.ladder.store;

import java.util.List;

/**
 * What arrived together and is committed in one transaction: journal events (consecutive seqs),
 * trial upserts and result rows. Either all of it is stored or none of it.
 */
public record Batch(List<Event> events, List<TrialRow> trials, List<ResultRow> results) {
    /** Copies the lists: a batch never changes once made. */
    public Batch {
        events = List.copyOf(events);
        trials = List.copyOf(trials);
        results = List.copyOf(results);
    }

    /** A batch carrying only events. */
    public static Batch of(List<Event> events) {
        return new Batch(events, List.of(), List.of());
    }

    /** True when it holds no event, no trial row and no result row: nothing to commit. */
    public boolean isEmpty() {
        return events.isEmpty() && trials.isEmpty() && results.isEmpty();
    }
}
