package dev.ladder.benchmarks.blackbox;

import dev.ladder.core.Config;
import dev.ladder.core.space.Domain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A tabular benchmark whose rows form a complete grid: every combination of the parameters' values
 * appears exactly once, with one final value per seed. Read once from a gzip CSV with the columns
 * {@code <param>..., seed_0..seed_{k-1}}; a missing seed is an empty cell after the present ones.
 *
 * <p>Storage: the row of a configuration is its mixed-radix index (the index of each parameter's
 * value, the first parameter most significant), so a lookup is a few list scans and no hashing; the
 * values sit in one {@code double[rows * k]} and the seed counts in one {@code byte[rows]}.
 * Invariants, checked while reading: the header is exactly the expected one, every cell names a value
 * of its parameter, no configuration appears twice, none is missing, every row has 1..k seeds.
 */
final class GridTable {

    /** One parameter: its values in the order of the table's key digits; ordered values become an ordinal domain, others a choice. */
    record Param(String name, List<Object> values, boolean ordered) {
        Param {
            List<Object> normalised = new ArrayList<>();
            values.forEach(v -> normalised.add(Config.normalise(v)));
            values = List.copyOf(normalised);
        }

        static Param choice(String name, Object... values) {
            return new Param(name, List.of(values), false);
        }

        static Param ordinal(String name, Object... values) {
            return new Param(name, List.of(values), true);
        }

        Domain domain() {
            return ordered ? new Domain.Ordinal(values) : new Domain.Choice(values);
        }

        /** The index of {@code value}; numbers match by numeric value, so {@code 1} finds {@code 1.0}. -1 if absent. */
        int indexOf(Object value) {
            int i = values.indexOf(value);
            if (i >= 0 || !(value instanceof Number n)) {
                return i;
            }
            for (int j = 0; j < values.size(); j++) {
                if (values.get(j) instanceof Number m && m.doubleValue() == n.doubleValue()) {
                    return j;
                }
            }
            return -1;
        }

        /** The index of the value a CSV cell writes. -1 if absent. */
        int indexOfCell(String cell) {
            if (values.get(0) instanceof String) {
                return values.indexOf(cell);
            }
            try {
                return indexOf(Double.parseDouble(cell));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private final String source;
    private final List<Param> params;
    private final int[] strides;
    private final int rows;
    private final int seedColumns;
    private final double[] values;
    private final byte[] seedCounts;

    private GridTable(String source, List<Param> params, int seedColumns) {
        this.source = source;
        this.params = List.copyOf(params);
        this.seedColumns = seedColumns;
        this.strides = new int[params.size()];
        int size = 1;
        for (int i = params.size() - 1; i >= 0; i--) {
            strides[i] = size;
            size = Math.multiplyExact(size, params.get(i).values().size());
        }
        this.rows = size;
        this.values = new double[Math.multiplyExact(size, seedColumns)];
        this.seedCounts = new byte[size];
    }

    /** Reads the gzip CSV at classpath {@code resource}. */
    static GridTable load(String resource, List<Param> params, int seedColumns) {
        try (InputStream in = GridTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("benchmark table " + resource + " is not on the classpath; " + Blackboxes.ADD_ON);
            }
            return read(new GZIPInputStream(in, 1 << 16), resource, params, seedColumns);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read benchmark table " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads an uncompressed CSV stream; {@code source} names it in error messages. */
    static GridTable read(InputStream csv, String source, List<Param> params, int seedColumns) throws IOException {
        GridTable t = new GridTable(source, params, seedColumns);
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16);
        List<String> expected = new ArrayList<>();
        params.forEach(p -> expected.add(p.name()));
        for (int s = 0; s < seedColumns; s++) {
            expected.add("seed_" + s);
        }
        String header = reader.readLine();
        if (header == null || !header.equals(String.join(",", expected))) {
            throw new IllegalStateException(source + ": expected the header " + String.join(",", expected) + ", found " + header);
        }
        List<Map<String, Integer>> cellIndex = new ArrayList<>();
        params.forEach(p -> cellIndex.add(new HashMap<>()));
        String[] cells = new String[expected.size()];
        int lineNo = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            split(line, cells, source, lineNo);
            int row = 0;
            for (int i = 0; i < params.size(); i++) {
                Param p = params.get(i);
                int k = cellIndex.get(i).computeIfAbsent(cells[i], p::indexOfCell);
                if (k < 0) {
                    throw new IllegalStateException(source + " line " + lineNo + ": " + p.name() + " = '" + cells[i]
                            + "' is not one of " + p.values());
                }
                row += k * t.strides[i];
            }
            if (t.seedCounts[row] != 0) {
                throw new IllegalStateException(source + " line " + lineNo + ": configuration " + t.config(row) + " appears twice");
            }
            int count = 0;
            for (int s = 0; s < seedColumns; s++) {
                String cell = cells[params.size() + s];
                if (cell.isEmpty()) {
                    continue;
                }
                if (count != s) {
                    throw new IllegalStateException(source + " line " + lineNo + ": seed_" + s + " has a value but seed_" + count + " is empty");
                }
                try {
                    t.values[row * seedColumns + s] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(source + " line " + lineNo + ": seed_" + s + " = '" + cell + "' is not a number", e);
                }
                count++;
            }
            if (count == 0) {
                throw new IllegalStateException(source + " line " + lineNo + ": configuration " + t.config(row) + " has no value");
            }
            for (int s = count; s < seedColumns; s++) {
                t.values[row * seedColumns + s] = Double.NaN;
            }
            t.seedCounts[row] = (byte) count;
        }
        for (int row = 0; row < t.rows; row++) {
            if (t.seedCounts[row] == 0) {
                throw new IllegalStateException(source + ": configuration " + t.config(row) + " is missing (the table must hold all "
                        + t.rows + " configurations of its grid)");
            }
        }
        return t;
    }

    private static void split(String line, String[] cells, String source, int lineNo) {
        int start = 0;
        for (int i = 0; i < cells.length; i++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
                if (i != cells.length - 1) {
                    throw new IllegalStateException(source + " line " + lineNo + ": expected " + cells.length + " cells, found " + (i + 1));
                }
            } else if (i == cells.length - 1) {
                throw new IllegalStateException(source + " line " + lineNo + ": expected " + cells.length + " cells, found more");
            }
            cells[i] = line.substring(start, end);
            start = end + 1;
        }
    }

    List<Param> params() {
        return params;
    }

    /** Number of configurations (rows) in the grid. */
    int rows() {
        return rows;
    }

    int seedColumns() {
        return seedColumns;
    }

    /** The row of {@code config}; the message of a failure names the table ({@code table}), the config and the culprit. */
    int row(Config config, String table) {
        Map<String, Object> map = config.asMap();
        int row = 0;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Object v = map.get(p.name());
            if (v == null) {
                throw new IllegalArgumentException(table + ": config " + config + " has no value for '" + p.name() + "'");
            }
            int k = p.indexOf(v);
            if (k < 0) {
                throw new IllegalArgumentException(table + ": config " + config + " is not in the table: " + p.name() + " = " + v
                        + " is not one of " + p.values());
            }
            row += k * strides[i];
        }
        if (map.size() != params.size()) {
            for (String name : map.keySet()) {
                if (params.stream().noneMatch(p -> p.name().equals(name))) {
                    throw new IllegalArgumentException(table + ": config " + config + " names parameter '" + name
                            + "' that the table lacks (its parameters: " + params.stream().map(Param::name).toList() + ")");
                }
            }
        }
        return row;
    }

    /** The configuration in {@code row}, with the parameters in table order. */
    Config config(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException(source + " has rows 0.." + (rows - 1) + ", not " + row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            m.put(params.get(i).name(), params.get(i).values().get(row / strides[i] % params.get(i).values().size()));
        }
        return Config.of(m);
    }

    int seedCount(int row) {
        return seedCounts[row];
    }

    /** The value of seed index {@code s} (0 ≤ s &lt; seedCount(row)). */
    double value(int row, int s) {
        if (s < 0 || s >= seedCounts[row]) {
            throw new IndexOutOfBoundsException(source + ": row " + row + " has " + seedCounts[row] + " seeds, not index " + s);
        }
        return values[row * seedColumns + s];
    }

    /** The mean over the row's seeds. */
    double mean(int row) {
        double sum = 0;
        for (int s = 0; s < seedCounts[row]; s++) {
            sum += values[row * seedColumns + s];
        }
        return sum / seedCounts[row];
    }

    @Override
    public String toString() {
        return source + " (" + rows + " configurations x " + seedColumns + " seeds, params " + Arrays.toString(
                params.stream().map(Param::name).toArray()) + ")";
    }
}
