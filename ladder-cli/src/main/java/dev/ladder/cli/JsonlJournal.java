package dev.ladder.cli;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON-lines journal ({@code <dir>/<name>/events.jsonl}, written by {@code Tuner.output(dir, name)}) read
 * without changing it: a process may be appending to it. Its intact events, each with its line; a last line
 * that is cut short or not the next event (a write under way, or a crash in the middle of one) is left out
 * and reported in {@link #problem()}, while a bad line with events after it is an error naming it, as when
 * the Tuner opens the journal. Only the Tuner's own reopening cuts a torn line off.
 */
record JsonlJournal(Path file, List<String> lines, List<JournalEntry> events, Optional<String> problem) {

    static JsonlJournal read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        List<JournalEntry> events = new ArrayList<>();
        String problem = null;
        String[] all = text.split("\n", -1); // a file of whole lines ends in "\n": its last piece is empty
        int count = all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
        for (int i = 0; i < count; i++) {
            JournalEntry entry = null;
            String bad;
            try {
                entry = JournalCodec.decodeLine(all[i], events.size() + 1);
                bad = null;
            } catch (IllegalArgumentException e) {
                bad = e.getMessage();
            }
            if (bad != null) {
                if (i < count - 1) {
                    throw new IllegalStateException(file + " line " + (i + 1) + " is " + bad
                            + " and more events follow it; the journal cannot be read past line " + i);
                }
                problem = file + ": the last line (" + (i + 1) + ") is " + bad + "; left out (" + events.size()
                        + " intact events): a write under way, or torn by a crash (resuming cuts it off)";
                break;
            }
            lines.add(all[i]);
            events.add(entry);
        }
        return new JsonlJournal(file, List.copyOf(lines), List.copyOf(events), Optional.ofNullable(problem));
    }
}
