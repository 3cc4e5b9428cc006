package dev.ladder.store;

import dev.ladder.core.Trial;
import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a reader wants of a journal: each trial's row as the {@link ExperimentState} that the tuner
 * and a resume apply the same events to leaves it, and a row per result. {@link StoreLog} derives the
 * rows it stores with it; {@code ladder ls/show/export} derive the same rows from a JSON-lines journal,
 * which has no tables.
 */
public final class JournalRows {
    private final ExperimentState state = new ExperimentState(null, null);

    /** Applies {@code e}; returns the row of the trial it concerns, or null when it concerns none. */
    public TrialRow apply(JournalEntry e) {
        JournalEvent event = e.event();
        if (event.trialId() >= 0 && state.trial(event.trialId()) == null && !(event instanceof JournalEvent.Start)) {
            throw new IllegalArgumentException("event " + e.seq() + " (" + JournalCodec.type(event) + ") names trial "
                    + event.trialId() + ", which no earlier event started");
        }
        state.apply(event);
        return event.trialId() < 0 ? null : row(state.trial(event.trialId()));
    }

    /** The experiment as the events so far leave it. */
    public ExperimentState state() {
        return state;
    }

    /** Every trial's row, in the order the trials started. */
    public List<TrialRow> trials() {
        List<TrialRow> rows = new ArrayList<>(state.trials().size());
        state.trials().values().forEach(t -> rows.add(row(t)));
        return rows;
    }

    private TrialRow row(Trial t) {
        return new TrialRow(t.id(), JournalCodec.json(t.config().asMap()), t.status(), t.lastResource(),
                state.latestCheckpoint(t.id()).map(ExperimentState.Saved::folder).orElse(null), t.reason());
    }

    /** The result row of a {@code result} event. */
    public static ResultRow result(JournalEvent.Result r) {
        return new ResultRow(r.trialId(), r.resource(), JournalCodec.json(r.metrics()), r.seconds());
    }
}
