package dev.ladder.core.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Events to commit together, with their JSON as {@link JournalCodec} wrote them: one line per entry, in
 * order, each ended by a newline. A JSON-lines log appends {@code lines} as they are; a store takes each
 * line as an event's body.
 */
public record JournalBatch(List<JournalEntry> entries, byte[] lines) {

    /** Encodes {@code entries}. */
    public static JournalBatch of(List<JournalEntry> entries) {
        JournalCodec.LineWriter w = new JournalCodec.LineWriter();
        entries.forEach(w::add);
        return new JournalBatch(entries, w.take());
    }

    /** The batches' entries and lines, in order, as one. */
    public static JournalBatch concat(List<JournalBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        List<JournalEntry> entries = new ArrayList<>();
        int size = 0;
        for (JournalBatch b : batches) {
            entries.addAll(b.entries());
            size += b.lines().length;
        }
        byte[] lines = new byte[size];
        int at = 0;
        for (JournalBatch b : batches) {
            System.arraycopy(b.lines(), 0, lines, at, b.lines().length);
            at += b.lines().length;
        }
        return new JournalBatch(entries, lines);
    }

    /** Each entry's JSON, without its newline. */
    public List<String> bodies() {
        List<String> bodies = new ArrayList<>(entries.size());
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                bodies.add(new String(lines, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return bodies;
    }
}
