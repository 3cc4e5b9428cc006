package dev.ladder.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * The journal as a JSON-lines file, one event per line. A group is written with one {@code write}
 * call and flushed to the operating system, so it survives the death of this process. Opening checks
 * every line: a last line that is cut short or not a valid event (a crash in the middle of a write)
 * is removed and reported through {@link #repair()}; a bad line before the last one is an error that
 * names it, since the events after it could not be trusted.
 */
final class JsonlLog implements EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<JsonNode> recorded;
    private final String repair;
    private final OutputStream out;

    private JsonlLog(Path file, List<JsonNode> recorded, String repair, OutputStream out) {
        this.file = file;
        this.recorded = recorded;
        this.repair = repair;
        this.out = out;
    }

    static JsonlLog open(Path file) {
        try {
            List<JsonNode> events = new ArrayList<>();
            String repair = null;
            if (Files.exists(file)) {
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
                    String problem = problem(text, events.size() + 1);
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
                    events.add(JSON.readTree(text));
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
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new JsonlLog(file, events, repair, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** Why {@code text} is not the event with seq {@code expectedSeq}, or null when it is. */
    private static String problem(String text, long expectedSeq) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return "not valid JSON (" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + ")";
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return "not an event object";
        }
        if (node.path("seq").asLong() != expectedSeq) {
            return "out of sequence (seq " + node.path("seq") + ", expected " + expectedSeq + ")";
        }
        return null;
    }

    @Override
    public long read(Consumer<JsonNode> action) {
        recorded.forEach(action);
        return recorded.size();
    }

    @Override
    public void commit(List<ObjectNode> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            StringBuilder text = new StringBuilder(group.size() * 160);
            for (ObjectNode e : group) {
                text.append(JSON.writeValueAsString(e)).append('\n');
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + file, e);
        }
        recorded.clear(); // read() is for resuming, before the first commit
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
            throw new UncheckedIOException("cannot close the journal " + file, e);
        }
    }
}
