package dev.ladder.store;

import dev.ladder.core.Config;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Journal events as the tuner writes them, in a stream where each trial starts, reports at resources 1, 2, 3 and ends. */
final class TrialLifeEvents {
    private static final Instant TIME = Instant.parse("2026-12-04T00:00:00Z");

    private TrialLifeEvents() {
    }

    /** Events {@code from} .. {@code from + n - 1}. */
    static List<JournalEntry> group(long from, int n) {
        List<JournalEntry> out = new ArrayList<>(n);
        for (long s = from; s < from + n; s++) {
            out.add(event(s));
        }
        return out;
    }

    /** Event {@code seq}: of trial (seq - 1) / 5, its start, its results at 1, 2, 3, then its end. */
    static JournalEntry event(long seq) {
        int trial = (int) ((seq - 1) / 5);
        int step = (int) ((seq - 1) % 5);
        JournalEvent e = switch (step) {
            case 0 -> new JournalEvent.Start(trial, 3, Config.of(Map.of("x0", 0.25, "x1", 0.75)));
            case 4 -> new JournalEvent.End(trial, TrialStatus.COMPLETED, 3, "reached 3", JournalEvent.CheckpointRef.NONE);
            default -> new JournalEvent.Result(trial, step, new TreeMap<>(Map.of("loss", 0.125 + 1.0 / step)), "CONTINUE",
                    "rung " + step, true, null, 0.001);
        };
        return new JournalEntry(seq, TIME, e);
    }
}
