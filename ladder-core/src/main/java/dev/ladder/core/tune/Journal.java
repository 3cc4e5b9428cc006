package dev.ladder.core.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The append-only event journal: one JSON object per line with a sequence number, a type and a
 * wall-clock time; every suggestion, result (with the decision taken on it) and trial end is in it.
 * Without a file it only counts.
 */
public final class Journal implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private long seq;

    private Journal(BufferedWriter out) {
        this.out = out;
    }

    public static Journal to(Path file) {
        try {
            return new Journal(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal " + file, e);
        }
    }

    public static Journal none() {
        return new Journal(null);
    }

    /** Appends an event of {@code type}; {@code fields} alternate names and values. */
    public void write(String type, Object... fields) {
        if (out == null) {
            seq++;
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("seq", ++seq);
        event.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            event.put((String) fields[i], fields[i + 1]);
        }
        event.put("time", Instant.now().toString());
        try {
            out.write(JSON.writeValueAsString(event));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal", e);
        }
    }

    /** Pushes buffered events to the file; called once per handled event group. */
    public void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the journal", e);
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal", e);
        }
    }
}
