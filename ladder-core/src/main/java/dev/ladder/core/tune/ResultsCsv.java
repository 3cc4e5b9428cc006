package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.Result;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * One row per report: trial, resource, seconds since start, the metrics (the optimised one first,
 * then the others of the first report in name order) and the config's parameters.
 */
final class ResultsCsv implements Closeable {
    private final Path file;
    private final OutputStream raw;
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
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot open the results table", file, e);
        }
    }

    /** A row to write: formatted only on the journal's writer, once its group of events is committed. */
    private record Row(Result result, Config config, double seconds) {
    }

    /** Rows taken from the loop for one group: the header line first when the file has none yet. */
    record Pending(String header, List<Row> rows) {
        boolean isEmpty() {
            return header == null && rows.isEmpty();
        }
    }

    private String header;
    private List<Row> rows = new ArrayList<>();

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
            List<String> names = new ArrayList<>(List.of("trial", "resource", "seconds"));
            names.addAll(metricColumns);
            names.addAll(configColumns);
            header = String.join(",", names.stream().map(ResultsCsv::quote).toList());
        }
        rows.add(new Row(result, config, seconds));
    }

    /** The rows added since the last call. */
    Pending take() {
        Pending taken = new Pending(header, rows);
        header = null;
        rows = new ArrayList<>();
        return taken;
    }

    /** Rows formatted by {@link #append} and not yet written (the journal's writer's alone). */
    private final StringBuilder formatted = new StringBuilder(1 << 16);

    /** Formats {@code pending} (on the journal's writer, once its events are committed); {@link #flush} writes it. */
    void append(Pending pending) {
        if (pending.header() != null) {
            formatted.append(pending.header()).append('\n');
        }
        for (Row r : pending.rows()) {
            format(r, formatted);
        }
    }

    /** Writes the rows formatted so far, in one write (the journal's writer calls it after each commit). */
    void flush() {
        if (formatted.length() == 0) {
            return;
        }
        try {
            raw.write(formatted.toString().getBytes(StandardCharsets.UTF_8)); // no writer buffering: on its way at once
        } catch (IOException e) {
            throw LadderIoFailure.of("cannot write the results table", file, e);
        }
        formatted.setLength(0);
    }

    private void format(Row r, StringBuilder row) {
        long millis = Math.round(r.seconds() * 1000); // as %.3f, without a Formatter per row
        row.append(r.result().trialId()).append(',').append(r.result().resource()).append(',')
                .append(millis / 1000).append('.').append((char) ('0' + millis % 1000 / 100))
                .append((char) ('0' + millis % 100 / 10)).append((char) ('0' + millis % 10));
        for (String m : metricColumns) {
            Double v = r.result().metrics().get(m);
            row.append(',');
            if (v != null) {
                row.append(NumberOutput.toString(v, true));
            }
        }
        for (String p : configColumns) {
            row.append(',');
            Object v = r.config().has(p) ? r.config().get(p) : null;
            if (v instanceof Double d) {
                row.append(NumberOutput.toString(d, true)); // the JDK's Double.toString is several times slower
            } else if (v != null) {
                row.append(quote(String.valueOf(v)));
            }
        }
        row.append('\n');
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void close() {
        flush();
        try {
            raw.close();
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
