package dev.ladder.core.tune;

import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal as a JSON-lines file, one event per line. A group is appended and forced to the disk
 * ({@link FileChannel#force}, an fdatasync) before {@link #commit} returns, so a committed group survives
 * a power loss as a store commit does; a new file's folder entry is forced too. A write that fails (a
 * full disk) is cut off again and the log refuses further commits, throwing {@link LadderIoFailure}
 * with the cause and the file; the file then holds whole groups only. Opening checks
 * every line: a last line that is cut short or not a valid event (a crash in the middle of a write)
 * is removed and reported through {@link #repair()}; a bad line before the last one is an error that
 * names it, since the events after it could not be trusted.
 */
final class JsonlLog implements EventLog {
    private final Path file;
    private final List<JournalEntry> recorded;
    private final String repair;
    private final FileChannel out;
    /** The file's length after the last commit (-1 until the first); a failed commit is cut back to it. */
    private long size = -1;
    /** Why an earlier commit failed; no more is written after it. */
    private LadderIoFailure failed;

    private JsonlLog(Path file, List<JournalEntry> recorded, String repair, FileChannel out) {
        this.file = file;
        this.recorded = recorded;
        this.repair = repair;
        this.out = out;
    }

    static JsonlLog open(Path file) {
        try {
            List<JournalEntry> events = new ArrayList<>();
            String repair = null;
            boolean created = !Files.exists(file);
            if (!created) {
                byte[] bytes = Files.readAllBytes(file);
                long intact = 0;
                int start = 0;
                int line = 0;
                while (start < bytes.length) {
                    int end = start;
                    while (end < bytes.length && bytes[end] != '\n') {
                        end++;
                    }
                    line++;
                    String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                    JournalEntry entry = null;
                    String problem;
                    try {
                        entry = JournalCodec.decodeLine(text, events.size() + 1);
                        problem = null;
                    } catch (IllegalArgumentException e) {
                        problem = e.getMessage();
                    }
                    boolean last = end >= bytes.length - 1;
                    if (problem != null) {
                        if (!last) {
                            throw new IllegalStateException(file + " line " + line + " is corrupt (" + problem
                                    + ") and more events follow it; the journal cannot be replayed past line " + (line - 1));
                        }
                        repair = file + ": the last entry (line " + line + ") is " + problem + " and was cut off; "
                                + events.size() + " intact events recovered";
                        break;
                    }
                    events.add(entry);
                    intact = end + 1L;
                    start = end + 1;
                }
                if (intact != bytes.length) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(Math.min(intact, bytes.length));
                    }
                    if (intact > bytes.length) { // the last event lacked its newline
                        Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
                    }
                }
            }
            FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.force(true); // a repair is on disk before anything is appended
            if (created) {
                forceFolder(file.toAbsolutePath().getParent());
            }
            return new JsonlLog(file, events, repair, out);
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot open the journal", file, e);
        }
    }

    /** Makes a new file's entry in {@code dir} durable (on Linux a folder can be opened and forced). */
    private static void forceFolder(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // a platform that cannot open folders: the file's own force is all it offers
        }
    }

    @Override
    public long read(Consumer<JournalEntry> action) {
        recorded.forEach(action);
        return recorded.size();
    }

    @Override
    public void commit(JournalBatch batch) {
        if (batch.entries().isEmpty()) {
            return;
        }
        if (failed != null) {
            throw failed;
        }
        try {
            if (size < 0) {
                size = out.size(); // once: then kept, so a commit makes no fstat
            }
            ByteBuffer bytes = ByteBuffer.wrap(batch.lines(), 0, batch.length());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false); // the group is on the disk before its decisions are acted on
        } catch (IOException e) {
            failed = LadderIoFailure.of("cannot append to the journal", file, e);
            cutBackTo(size);
            throw failed;
        }
        size += batch.length();
        recorded.clear(); // read() is for resuming, before the first commit
    }

    /** Removes the part of a failed group that reached the file (cutting needs no space), so it ends in whole groups. */
    private void cutBackTo(long size) {
        if (size < 0) {
            return;
        }
        try {
            out.truncate(size);
            out.force(false);
        } catch (IOException e) {
            failed.addSuppressed(e); // resume cuts a torn last line off
        }
    }

    @Override
    public Optional<String> repair() {
        return Optional.ofNullable(repair);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot close the journal", file, e);
        }
    }
}
