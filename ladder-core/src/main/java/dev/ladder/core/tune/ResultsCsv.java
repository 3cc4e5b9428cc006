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
import java.util.Locale;

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

    /** Rows formatted but not yet written: they wait for their group of events to be committed. */
    private final List<String> rows = new ArrayList<>();

    /** Formats the row of {@code result} (and the header before the first); {@link #append} writes them. */
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
            rows.add(String.join(",", header.stream().map(ResultsCsv::quote).toList()));
        }
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(result.trialId()));
        row.add(Long.toString(result.resource()));
        row.add(String.format(Locale.ROOT, "%.3f", seconds));
        for (String m : metricColumns) {
            Double v = result.metrics().get(m);
            row.add(v == null ? "" : Double.toString(v));
        }
        for (String p : configColumns) {
            row.add(config.has(p) ? quote(String.valueOf(config.get(p))) : "");
        }
        rows.add(String.join(",", row));
    }

    /** The rows formatted since the last call. */
    List<String> take() {
        List<String> taken = List.copyOf(rows);
        rows.clear();
        return taken;
    }

    /** Appends {@code lines} and flushes them (on the journal's writer, once their events are committed). */
    void append(List<String> lines) {
        try {
            for (String line : lines) {
                out.write(line);
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
