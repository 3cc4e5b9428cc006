package dev.ladder.cli;

import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.tune.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The plots of a run of the CLI: {@link #tap} feeds them every event the tuner reads (a resume's replay) and
 * commits, so that nothing is read again at the end; {@link #draw} starts drawing once the run is over, on
 * another thread, and {@link #drawn} waits for the files.
 */
final class LivePlots {
    private final String name;
    private final PlotData data;
    private final Path folder;
    private final Optional<Path> store;
    private CompletableFuture<List<Path>> drawn;

    LivePlots(String name, Metric metric, Path folder, Optional<Path> store) {
        this.name = name;
        this.data = new PlotData(metric);
        this.folder = folder;
        this.store = store;
    }

    /** {@code log}, passing every event it reads or commits to the plots as well. */
    EventLog tap(EventLog log) {
        return new EventLog() {
            @Override
            public long read(Consumer<JournalEntry> action) {
                return log.read(e -> {
                    data.accept(e);
                    action.accept(e);
                });
            }

            @Override
            public void commit(JournalBatch batch) {
                log.commit(batch);
                batch.entries().forEach(data);
            }

            @Override
            public Optional<String> repair() {
                return log.repair();
            }

            @Override
            public void onPauseRequest(Runnable pause) {
                log.onPauseRequest(pause);
            }

            @Override
            public void onExcludeRequest(java.util.function.BiConsumer<Integer, String> exclude) {
                log.onExcludeRequest(exclude);
            }

            @Override
            public void onNote(Consumer<String> note) {
                log.onNote(note);
            }

            @Override
            public void close() {
                log.close();
            }
        };
    }

    /** Starts drawing, the run being over: {@code trials} with their final status. */
    void draw(List<Trial> trials) {
        Map<Integer, TrialStatus> status = new HashMap<>();
        trials.forEach(t -> status.put(t.id(), t.status()));
        data.settle(); // the drawing threads, started from here, see every event the writer thread fed in
        drawn = CompletableFuture.supplyAsync(() -> {
            try {
                return ExperimentPlots.write(name, data, status, folder, store, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }

    /** The files drawn; fails with the reason they were not. */
    List<Path> drawn() {
        if (drawn == null) {
            throw new IllegalStateException("the run ended before anything was drawn");
        }
        try {
            return drawn.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
