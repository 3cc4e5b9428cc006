package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.Result;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.function.Supplier;

/**
 * One row per report: trial, resource, seconds since start, the metrics (the optimised one first,
 * then the others of the first report in name order) and the config's parameters.
 */
final class ResultsCsv implements Closeable {
    private final Path file;
    private final OutputStream raw;
    private final BufferedWriter out;
    private List<String> metricColumns;
    private List<String> configColumns;
    /** The header of the file a resumed experiment appends to, null for a new file. */
    private List<String> existingHeader;

    /** Creates {@code file}, or appends to it (after its last complete line) when it exists. */
    ResultsCsv(Path file) {
        this.file = file;
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                existingHeader = List.of(text.substring(0, Math.max(0, text.indexOf('\n'))).split(","));
                Files.writeString(file, text.substring(0, text.lastIndexOf('\n') + 1), StandardCharsets.UTF_8);
            }
            this.raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot open the results table", file, e);
        }
    }

    /**
     * Rows not yet written: they wait for their group of events to be committed, and are formatted then,
     * on the journal's writer (a simulation makes hundreds of thousands per second).
     */
    private final List<Supplier<String>> rows = new ArrayList<>();

    /** Adds the row of {@code result} (and the header before the first); {@link #append} formats and writes them. */
    void write(Result result, Config config, String metric, double seconds) {
        if (metricColumns == null && existingHeader != null && existingHeader.size() > 3) {
            configColumns = existingHeader.stream().filter(config.asMap()::containsKey).toList();
            metricColumns = existingHeader.subList(3, existingHeader.size()).stream()
                    .filter(c -> !configColumns.contains(c)).toList();
        }
        if (metricColumns == null) {
            metricColumns = new ArrayList<>();
            metricColumns.add(metric);
            result.metrics().keySet().stream().filter(m -> !m.equals(metric)).sorted().forEach(metricColumns::add);
            configColumns = new ArrayList<>(config.asMap().keySet());
            List<String> header = new ArrayList<>(List.of("trial", "resource", "seconds"));
            header.addAll(metricColumns);
            header.addAll(configColumns);
            String line = String.join(",", header.stream().map(ResultsCsv::quote).toList());
            rows.add(() -> line);
        }
        rows.add(() -> format(result, config, seconds));
    }

    private String format(Result result, Config config, double seconds) {
        StringBuilder row = new StringBuilder(128);
        long millis = Math.round(seconds * 1000); // as %.3f, without a Formatter per row
        row.append(result.trialId()).append(',').append(result.resource()).append(',')
                .append(millis / 1000).append('.').append((char) ('0' + millis % 1000 / 100))
                .append((char) ('0' + millis % 100 / 10)).append((char) ('0' + millis % 10));
        for (String m : metricColumns) {
            Double v = result.metrics().get(m);
            row.append(',');
            if (v != null) {
                row.append(NumberOutput.toString(v, true));
            }
        }
        for (String p : configColumns) {
            row.append(',');
            Object v = config.has(p) ? config.get(p) : null;
            if (v instanceof Double d) {
                row.append(NumberOutput.toString(d, true)); // the JDK's Double.toString is several times slower
            } else if (v != null) {
                row.append(quote(String.valueOf(v)));
            }
        }
        return row.toString();
    }

    /** The rows added since the last call. */
    List<Supplier<String>> take() {
        List<Supplier<String>> taken = List.copyOf(rows);
        rows.clear();
        return taken;
    }

    /** Appends {@code lines} and flushes them (on the journal's writer, once their events are committed). */
    void append(List<Supplier<String>> lines) {
        try {
            for (Supplier<String> line : lines) {
                out.write(line.get());
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot write the results table", file, e);
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot write the results table", file, e);
        }
    }

    /** Closes the file without writing the buffered rows: their group never reached the journal. */
    void discard() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // nothing more is written to it
        }
    }
}
