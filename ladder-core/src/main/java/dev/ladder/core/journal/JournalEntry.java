package dev.ladder.core.journal;

import java.time.Instant;

/** An event at its place in the journal: its number {@code seq} (1, 2, ... without gaps) and when it was written (null if unknown). */
public record JournalEntry(long seq, Instant time, JournalEvent event) {
}
