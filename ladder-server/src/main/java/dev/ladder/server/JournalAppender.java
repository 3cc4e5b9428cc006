package dev.ladder.server;

import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Appends events to the journal of an experiment that no process runs, as the tuner would: under the
 * experiment's lease ({@link StoreLog}), after reading the journal into an {@link ExperimentState} from which
 * the events are made; the experiment keeps its status unless the events change it (a finish).
 */
final class JournalAppender {
    private JournalAppender() {
    }

    static void append(Store store, String name, Function<ExperimentState, List<JournalEvent>> make) {
        ExperimentRow before = store.experiment(name).orElseThrow(() -> new NotFound("no experiment named '" + name + "'"));
        boolean finished = false;
        try (StoreLog log = StoreLog.open(store, name)) {
            ExperimentState state = new ExperimentState(null, null);
            long[] last = {0};
            log.read(e -> {
                state.apply(e.event());
                last[0] = e.seq();
            });
            List<JournalEvent> events = make.apply(state);
            finished = events.stream().anyMatch(e -> e instanceof JournalEvent.Finish);
            List<JournalEntry> entries = new ArrayList<>();
            Instant now = Instant.now();
            for (JournalEvent e : events) {
                entries.add(new JournalEntry(++last[0], now, e));
            }
            log.commit(JournalBatch.of(entries));
        } finally {
            if (!finished) {
                store.setStatus(before.id(), before.status()); // opening it marked it RUNNING
            }
        }
    }
}
