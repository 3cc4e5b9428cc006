package dev.ladder.core.tune;

import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where an experiment's journal lives: a JSON-lines file ({@link #jsonl}), a database (ladder-store)
 * or nowhere ({@link #none}). Entries are numbered 1, 2, ... without gaps; a log stores them as
 * {@link dev.ladder.core.journal.JournalCodec} encodes them. Invariant: when {@link #commit} returns, the group is durable, so the tuner acts on a
 * decision only after the event carrying it was committed.
 */
public interface EventLog extends AutoCloseable {

    /** Feeds every recorded event, oldest first, to {@code action}; returns how many there were. */
    long read(Consumer<JournalEntry> action);

    /** Durably appends a group of events whose seqs follow the last recorded one, encoded in {@code batch}. */
    void commit(JournalBatch batch);

    /** Encodes {@code group} and commits it. */
    default void commit(List<JournalEntry> group) {
        commit(JournalBatch.of(group));
    }

    /** What was repaired when the log was opened (a corrupt tail that was cut off), if anything. */
    default Optional<String> repair() {
        return Optional.empty();
    }

    /** Registers the tuner's pause, for logs that can hear a pause asked from elsewhere (another process). */
    default void onPauseRequest(Runnable pause) {
    }

    /** Registers the tuner's exclusion of a trial, for logs that can hear one asked from elsewhere ({@code ladder exclude}). */
    default void onExcludeRequest(java.util.function.BiConsumer<Integer, String> exclude) {
    }

    /** Registers where the log tells the user what is not an event, e.g. that it retries a lost database connection. */
    default void onNote(Consumer<String> note) {
    }

    @Override
    default void close() {
    }

    /** The journal file {@code file}: created if absent; a corrupt last line is cut off when opened. */
    static EventLog jsonl(Path file) {
        return JsonlLog.open(file);
    }

    /** Keeps nothing (simulations and runs without an output folder); reads as empty. */
    static EventLog none() {
        return NONE;
    }

    /** True for {@link #none()}: the tuner then skips building events altogether. */
    default boolean keepsNothing() {
        return false;
    }

    EventLog NONE = new EventLog() {
        @Override
        public long read(Consumer<JournalEntry> action) {
            return 0;
        }

        @Override
        public void commit(JournalBatch batch) {
        }

        @Override
        public boolean keepsNothing() {
            return true;
        }
    };
}
