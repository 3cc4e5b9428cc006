package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JournalEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The files of one session of an experiment: its run folder, the log its journal goes to, the
 * journal's writer, the results table and the checkpoint folders, with the {@link ExperimentState} its
 * events build. The tuner changes the experiment only through {@link #record}. A session ends cleanly
 * ({@link #close}), after an error ({@link #closeAfter}), or after its own storage failed
 * ({@link #abandon}), when it lets go of what it holds without writing more.
 */
final class Session {
    /**
     * Where a session's files go: a log handed in with a checkpoint folder, or {@code outputDir/experiment}
     * (with results.csv when {@code resultsTable}), or nowhere.
     */
    record Where(EventLog log, Path checkpoints, Path outputDir, String experiment, boolean resume, boolean resultsTable) {
    }

    final RunFolder folder;
    final ExperimentState state;
    private final EventLog log;
    private final ResultsCsv csv;
    private Journal journal;
    private Checkpoints checkpoints;

    private Session(RunFolder folder, Metric metric) {
        this.folder = folder;
        this.log = folder.log();
        this.csv = folder.csv();
        this.state = new ExperimentState(metric, folder.checkpoints());
    }

    /** Opens the run folder; should that fail, a log handed in lets go of what it holds (a store's lease). */
    static Session open(Where where, Metric metric) {
        try {
            RunFolder f = where.log() != null ? RunFolder.of(where.log(), where.checkpoints())
                    : where.outputDir() == null ? RunFolder.none() : RunFolder.open(where.outputDir(), where.experiment(), where.resume(), where.resultsTable());
            return new Session(f, metric);
        } catch (RuntimeException e) {
            if (where.log() != null) {
                closeQuietly(where.log(), e);
            }
            throw e;
        }
    }

    EventLog log() {
        return log;
    }

    /**
     * Replays the recorded journal through {@code replay} (which applies it to {@link #state}), tells
     * {@code note} what was repaired, and opens the journal's writer after the last recorded event.
     * Returns how many events there were.
     */
    long replay(JournalReplay replay, Consumer<String> note) {
        long recorded = log.read(replay);
        log.repair().ifPresent(note);
        journal = new Journal(log, recorded, csv == null ? () -> { } : csv::flush);
        return recorded;
    }

    /** The checkpoint folders, recorded through this session's journal. */
    Checkpoints checkpoints(boolean enabled, CheckpointPolicy policy, Metric metric) {
        checkpoints = new Checkpoints(folder.checkpoints(), enabled, policy, metric, state, this::record);
        return checkpoints;
    }

    /** Journals {@code event} and applies it: the only way the experiment changes. */
    void record(JournalEvent event) {
        journal.write(event);
        state.apply(event);
    }

    /** The sequence number of the last event recorded. */
    long lastSeq() {
        return journal.lastSeq();
    }

    /** Adds a results.csv row, written once the group that records the result is committed. */
    void resultRow(Result result, Config config, String metric, double seconds) {
        if (csv != null) {
            csv.write(result, config, metric, seconds);
        }
    }

    /**
     * Hands the current group of events to the journal's writer, with what must wait until it is
     * durable: deleting the checkpoint folders it made unneeded, appending its rows to results.csv.
     */
    void commit() {
        commit(null);
    }

    /** As {@link #commit()}, and runs {@code then} (if not null) once the group is durable, after the group's own actions. */
    void commit(Runnable then) {
        List<Runnable> afterDurable = new ArrayList<>(3);
        Runnable deletes = checkpoints.takeDoomed();
        if (deletes != null) {
            afterDurable.add(deletes);
        }
        if (csv != null) {
            ResultsCsv.Pending rows = csv.take();
            if (!rows.isEmpty()) {
                afterDurable.add(() -> csv.append(rows));
            }
        }
        if (then != null) {
            afterDurable.add(then);
        }
        journal.flush(afterDurable);
    }

    /** Returns once every group handed to the writer is committed and its actions ran. */
    void sync() {
        journal.sync();
    }

    /** Commits what is left and closes the files; a run that keeps no files deletes its checkpoints. */
    void close() {
        commit();
        journal.close();
        log.close();
        if (csv != null) {
            csv.close();
        }
        if (folder.temporary()) {
            checkpoints.deleteAll(); // the caller asked for no files
            state.trials().values().forEach(t -> t.setCheckpoint(null));
        }
    }

    /** After {@code error} (not a storage failure): what was journaled before it is kept, the log released. */
    void closeAfter(Throwable error) {
        try {
            if (journal != null) {
                journal.close();
            }
            log.close(); // releases what the log holds (a store lease); what was committed stays
        } catch (RuntimeException closing) {
            error.addSuppressed(closing); // the first failure is the one to report
        }
    }

    /**
     * After the session's own storage failed: nothing more is written, and the log lets go of what it
     * holds if it still can. Resume then recovers as after a crash.
     */
    void abandon(LadderIoFailure failure) {
        if (journal != null) {
            journal.abandon();
        }
        if (csv != null) {
            csv.discard(); // its buffered rows belong to a group the journal may not have
        }
        closeQuietly(log, failure);
    }

    private static void closeQuietly(EventLog log, Throwable failure) {
        try {
            log.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
