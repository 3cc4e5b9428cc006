/**
 * The journal as types: the sealed {@link dev.ladder.core.journal.JournalEvent} (one record per event
 * type), {@link dev.ladder.core.journal.JournalCodec} (the only code that knows the JSON keys) and
 * {@link dev.ladder.core.journal.ExperimentState}, changed only by {@code apply(event)}, which the live
 * tuner, a resume, the store and the CLI's readers share.
 * May depend on {@code dev.ladder.core}, {@code dev.ladder.core.schedule} (a deferred resume is a
 * {@code Suggestion}), {@code dev.ladder.core.pareto} (the front of a journal) and Jackson; never on the tuner
 * ({@code dev.ladder.core.tune}), executors or storage.
 */
package dev.ladder.core.journal;
