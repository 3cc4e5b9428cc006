package dev.ladder.cli;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.JournalRows;
import dev.ladder.store.ResultRow;
import dev.ladder.store.TrialRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An experiment written by {@code Tuner.output(dir, name)}: the folder {@code dir/name} with its journal
 * {@code events.jsonl}, folded here into what the store would hold (trial and result rows by the store's own
 * {@link JournalRows}). Its status comes from the journal's last event ({@code finish}: FINISHED,
 * {@code paused}: PAUSED); any other last event means a session that has not ended: RUNNING while a process
 * of this machine holds the journal open, else INTERRUPTED (a JSON-lines journal has no lease, so a process on
 * another machine writing it over a shared folder shows as INTERRUPTED too).
 */
record JsonlExperiment(String name, JsonlJournal journal, ExperimentStatus status, Optional<String> holder, JournalHeader header,
                       List<TrialRow> trials, List<ResultRow> results) implements ExperimentView {

    /** Reads {@code folder/events.jsonl}; {@code openFiles} is asked only for a journal whose session has not ended. */
    static JsonlExperiment read(Path folder, Supplier<OpenFiles> openFiles) {
        JsonlJournal journal = JsonlJournal.read(folder.resolve("events.jsonl"));
        String name = folder.getFileName().toString();
        JournalRows rows = new JournalRows();
        List<ResultRow> results = new ArrayList<>();
        for (JournalEntry e : journal.events()) {
            try {
                rows.apply(e);
            } catch (IllegalArgumentException ex) { // an event of a trial no earlier event started
                throw new IllegalStateException(journal.file() + ": " + ex.getMessage(), ex);
            }
            if (e.event() instanceof JournalEvent.Result r) {
                results.add(JournalRows.result(r));
            }
        }
        List<JournalEntry> events = journal.events();
        String last = events.isEmpty() ? "" : JournalCodec.type(events.get(events.size() - 1).event());
        ExperimentStatus status;
        Optional<String> holder = Optional.empty();
        if (last.equals("finish")) {
            status = ExperimentStatus.FINISHED;
        } else if (last.equals("paused")) {
            status = ExperimentStatus.PAUSED;
        } else {
            holder = openFiles.get().holder(journal.file()).map(pid -> "process " + pid);
            status = holder.isPresent() ? ExperimentStatus.RUNNING : ExperimentStatus.INTERRUPTED;
        }
        JournalHeader header = JournalHeader.of(events.isEmpty() ? null : events.get(0))
                .orElse(JournalHeader.ofSpec("{}", name));
        return new JsonlExperiment(name, journal, status, holder, header, rows.trials(), List.copyOf(results));
    }

    @Override
    public String where() {
        return journal.file().toString();
    }

    @Override
    public Optional<Instant> created() {
        return header.began();
    }

    @Override
    public OptionalLong seed() {
        return OptionalLong.empty();
    }

    @Override
    public void readJournal(Consumer<JournalEntry> action) {
        journal.events().forEach(action);
    }

    /** The journal's intact lines as they are in the file. */
    @Override
    public void writeJournal(Writer out) throws IOException {
        for (String line : journal.lines()) {
            out.write(line);
            out.write('\n');
        }
    }

    @Override
    public Optional<String> problem() {
        return journal.problem();
    }
}
