package dev.ladder.store;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads an experiment's journal from a store as events, a page at a time, without changing it (a tuner may be
 * appending): for readers such as {@code ladder why}, {@code ladder plot} and the dashboard. Unlike
 * {@link StoreLog#read}, which a resuming tuner uses, it never repairs a corrupt event: it names it.
 */
public final class StoredJournal {
    private static final int PAGE = 10_000;

    private StoredJournal() {
    }

    /** Hands every event of experiment {@code experiment} to {@code action}, decoded, in seq order. */
    public static void forEach(Store store, ExperimentRow experiment, Consumer<JournalEntry> action) {
        forEachStored(store, experiment, e -> {
            JournalEntry entry;
            try {
                entry = JournalCodec.decode(e.body());
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException("experiment " + experiment.name() + ": event " + e.seq() + " (" + e.type()
                        + ") cannot be read: " + ex.getMessage(), ex);
            }
            action.accept(entry);
        });
    }

    /** Hands every stored event of experiment {@code experiment} to {@code action} as stored (its JSON body), in seq order. */
    public static void forEachStored(Store store, ExperimentRow experiment, Consumer<Event> action) {
        for (long from = 1; ; ) {
            List<Event> page = store.events(experiment.id(), from, PAGE);
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            from = page.get(page.size() - 1).seq() + 1;
        }
    }
}
