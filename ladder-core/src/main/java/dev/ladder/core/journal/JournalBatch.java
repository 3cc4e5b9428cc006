package dev.ladder.core.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Events to commit together, with their JSON as {@link JournalCodec} wrote them: the first {@code length}
 * bytes of {@code lines}, one line per entry, in order, each ended by a newline. A JSON-lines log appends
 * them as they are; a store takes each line as an event's body. The tuner's writer reuses the array for its
 * next batch: a log reads it during {@code commit} only.
 */
public record JournalBatch(List<JournalEntry> entries, byte[] lines, int length) {

    /** All of {@code lines}. */
    public JournalBatch(List<JournalEntry> entries, byte[] lines) {
        this(entries, lines, lines.length);
    }

    /** Encodes {@code entries}. */
    public static JournalBatch of(List<JournalEntry> entries) {
        JournalCodec.LineWriter w = new JournalCodec.LineWriter();
        entries.forEach(w::add);
        return new JournalBatch(entries, w.take());
    }

    /** Each entry's JSON, without its newline. */
    public List<String> bodies() {
        List<String> bodies = new ArrayList<>(entries.size());
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (lines[i] == '\n') {
                bodies.add(new String(lines, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return bodies;
    }
}
