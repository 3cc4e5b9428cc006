package dev.ladder.cli;

import dev.ladder.core.journal.JournalEntry;
import dev.ladder.store.Event;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.ResultRow;
import dev.ladder.store.Store;
import dev.ladder.store.StoredJournal;
import dev.ladder.store.TrialRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** An experiment of a store, made by the CLI or by the Java API ({@code StoreLog.create}). */
record StoredExperiment(Store store, ExperimentRow row, String where) implements ExperimentView {
    @Override
    public String name() {
        return row.name();
    }

    @Override
    public ExperimentStatus status() {
        return StoreOptions.status(row);
    }

    @Override
    public Optional<String> holder() {
        return row.owner();
    }

    @Override
    public Optional<Instant> created() {
        return Optional.of(row.createdAt());
    }

    @Override
    public OptionalLong seed() {
        return OptionalLong.of(row.seed());
    }

    /** From the journal's first event; from the spec only while the experiment has not run. */
    @Override
    public JournalHeader header() {
        List<Event> first = store.events(row.id(), 1, 1);
        if (!first.isEmpty()) {
            try {
                Optional<JournalHeader> h = JournalHeader.of(dev.ladder.core.journal.JournalCodec.decode(first.get(0).body()));
                if (h.isPresent()) {
                    return h.get();
                }
            } catch (IllegalArgumentException e) {
                // a corrupt first event: the spec is all there is
            }
        }
        return JournalHeader.ofSpec(row.specJson(), row.name());
    }

    @Override
    public List<TrialRow> trials() {
        return store.trials(row.id());
    }

    @Override
    public List<ResultRow> results() {
        return store.results(row.id());
    }

    /** Only the journal's exclude events are read: ls and show ask for every experiment. */
    @Override
    public java.util.Map<Integer, String> excluded() {
        java.util.Map<Integer, String> out = new java.util.LinkedHashMap<>();
        for (dev.ladder.store.Event ev : store.eventsOfType(row.id(), "exclude")) {
            dev.ladder.core.journal.JournalEvent.Exclude x =
                    (dev.ladder.core.journal.JournalEvent.Exclude) dev.ladder.core.journal.JournalCodec.decode(ev.body()).event();
            out.putIfAbsent(x.trialId(), x.reason());
        }
        return out;
    }

    @Override
    public void readJournal(Consumer<JournalEntry> action) {
        StoredJournal.forEach(store, row, action);
    }

    @Override
    public void writeJournal(Writer out) throws IOException {
        try {
            StoredJournal.forEachStored(store, row, ev -> {
                try {
                    out.write(ev.body());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
