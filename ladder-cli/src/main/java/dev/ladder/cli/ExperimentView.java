package dev.ladder.cli;

import dev.ladder.core.journal.JournalEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.ResultRow;
import dev.ladder.store.TrialRow;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One experiment as {@code ladder ls}, {@code show} and {@code export} read it, wherever it lives: in a store
 * ({@link StoredExperiment}) or in a JSON-lines folder written by {@code Tuner.output(dir, name)}
 * ({@link JsonlExperiment}). Its metric and scheduler come from its journal's first event in both cases.
 */
sealed interface ExperimentView permits StoredExperiment, JsonlExperiment {
    String name();

    /** Where it is, for the user: the store (password masked) or the journal file. */
    String where();

    /** The status to show: RUNNING only while a live process holds it, INTERRUPTED when its process is gone. */
    ExperimentStatus status();

    /** Who runs it, when someone does. */
    Optional<String> holder();

    Optional<Instant> created();

    /** The seed the store keeps; a JSON-lines journal does not record one. */
    OptionalLong seed();

    JournalHeader header();

    List<TrialRow> trials();

    /** Results in journal order. */
    List<ResultRow> results();

    /** Hands every event of the journal to {@code action}, in order. */
    void readJournal(Consumer<JournalEntry> action);

    /** Writes the journal, one event per line. */
    void writeJournal(Writer out) throws IOException;

    /** Trials excluded from the rankings ({@code ladder exclude}), with the reason, in the order excluded. */
    default Map<Integer, String> excluded() {
        Map<Integer, String> out = new LinkedHashMap<>();
        readJournal(e -> {
            if (e.event() instanceof JournalEvent.Exclude x) {
                out.putIfAbsent(x.trialId(), x.reason());
            }
        });
        return out;
    }

    /** What could not be read (a torn last journal line), if anything. */
    default Optional<String> problem() {
        return Optional.empty();
    }
}
