package dev.ladder.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small reader for dense ARFF files (Weka's attribute-relation file format) with numeric and
 * nominal attributes, made into a {@link Dataset} for classification.
 *
 * <p>Supported: {@code @relation}, {@code @attribute name numeric|real|integer|{v1, v2, ...}},
 * {@code @data}; keywords in any case; {@code %} comment lines and blank lines anywhere; names and
 * values quoted with {@code '} or {@code "} (with backslash escapes), such as {@code 'no checking'}
 * and {@code '<0'}; {@code ?} for a missing feature value (an unquoted {@code ?} only).
 * Not supported, and rejected with a message: string, date and relational attributes, sparse
 * data lines ({@code {...}}), instance weights, and a missing or non-nominal class.
 *
 * <p>Encoding: the <em>last</em> attribute is the class and must be nominal; a row's label is the
 * index of its class value in the declared order (credit-g: {@code good} = 0, {@code bad} = 1).
 * A numeric attribute becomes one column named after it; a nominal attribute becomes one 0/1
 * column per declared value, named {@code attribute=value}, in declared order. A missing numeric
 * value is NaN; a missing nominal value makes all its columns NaN (XGBoost's "missing").
 *
 * <p>Every problem throws an {@link ArffException} naming the source and the line.
 */
public final class Arff {
    private static final String MISSING = "?";

    private Arff() {
    }

    /** Reads an ARFF file from the classpath, e.g. {@code "/datasets/credit-g.arff"}. */
    public static Dataset load(String resource) {
        InputStream in = Arff.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no classpath resource " + resource);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Reads ARFF text; {@code source} names it in error messages. */
    public static Dataset read(Reader reader, String source) throws IOException {
        return new Parser(source).parse(new BufferedReader(reader));
    }

    /** An attribute: numeric when {@code values} is null, else nominal with value indices. */
    private record Attribute(String name, List<String> values, Map<String, Integer> index) {
        boolean numeric() {
            return values == null;
        }

        int width() {
            return numeric() ? 1 : values.size();
        }
    }

    /** A value read from a line; a quoted {@code '?'} is a value, not a missing one. */
    private record Token(String text, boolean quoted) {
        boolean missing() {
            return !quoted && text.equals(MISSING);
        }
    }

    private static final class Parser {
        private final String source;
        private final List<Attribute> attributes = new ArrayList<>();
        private int line;

        Parser(String source) {
            this.source = source;
        }

        Dataset parse(BufferedReader reader) throws IOException {
            boolean inData = false;
            Encoder encoder = null;
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                line++;
                String text = raw.strip();
                if (text.isEmpty() || text.startsWith("%")) {
                    continue;
                }
                if (inData) {
                    encoder.add(values(text));
                } else if (keyword(text, "@relation")) {
                    continue;
                } else if (keyword(text, "@attribute")) {
                    Attribute attr = attribute(text.substring("@attribute".length()).strip());
                    if (attributes.stream().anyMatch(a -> a.name().equals(attr.name()))) {
                        throw error("attribute '" + attr.name() + "' is declared twice");
                    }
                    attributes.add(attr);
                } else if (keyword(text, "@data")) {
                    encoder = new Encoder(checkedHeader());
                    inData = true;
                } else {
                    throw error("expected @relation, @attribute or @data, found '" + abbreviate(text) + "'");
                }
            }
            if (!inData) {
                throw error("end of input before @data");
            }
            if (encoder.rows() == 0) {
                throw error("no data rows after @data");
            }
            return encoder.dataset();
        }

        private static boolean keyword(String text, String keyword) {
            return text.regionMatches(true, 0, keyword, 0, keyword.length())
                    && (text.length() == keyword.length() || Character.isWhitespace(text.charAt(keyword.length())));
        }

        private Attribute attribute(String rest) {
            if (rest.isEmpty()) {
                throw error("@attribute without a name");
            }
            int[] end = new int[1];
            String name;
            if (rest.charAt(0) == '\'' || rest.charAt(0) == '"') {
                name = quoted(rest, 0, end);
            } else {
                int i = 0;
                while (i < rest.length() && !Character.isWhitespace(rest.charAt(i)) && rest.charAt(i) != '{') {
                    i++;
                }
                name = rest.substring(0, i);
                end[0] = i;
            }
            String type = rest.substring(end[0]).strip();
            if (type.isEmpty()) {
                throw error("attribute '" + name + "' has no type");
            }
            if (type.startsWith("{")) {
                return nominal(name, type);
            }
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.equals("numeric") || lower.equals("real") || lower.equals("integer")) {
                return new Attribute(name, null, null);
            }
            throw error("attribute '" + name + "': unsupported type '" + type
                    + "' (only numeric, real, integer and nominal {...} are supported)");
        }

        private Attribute nominal(String name, String type) {
            if (!type.endsWith("}")) {
                throw error("attribute '" + name + "': nominal values must end with '}'");
            }
            String inner = type.substring(1, type.length() - 1);
            if (inner.isBlank()) {
                throw error("attribute '" + name + "' declares no nominal values");
            }
            List<String> values = new ArrayList<>();
            Map<String, Integer> index = new HashMap<>();
            for (Token t : values(inner)) {
                if (index.putIfAbsent(t.text(), values.size()) != null) {
                    throw error("attribute '" + name + "' declares the value '" + t.text() + "' twice");
                }
                values.add(t.text());
            }
            return new Attribute(name, List.copyOf(values), Map.copyOf(index));
        }

        private List<Attribute> checkedHeader() {
            if (attributes.size() < 2) {
                throw error("@data after " + attributes.size() + " attribute(s); need at least one feature and a class");
            }
            Attribute cls = attributes.get(attributes.size() - 1);
            if (cls.numeric()) {
                throw error("the class (last attribute) '" + cls.name() + "' must be nominal");
            }
            return List.copyOf(attributes);
        }

        /** Splits a comma-separated list of plain or quoted values. */
        private List<Token> values(String text) {
            if (text.startsWith("{")) {
                throw error("sparse ARFF data lines are not supported");
            }
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = text.length();
            while (true) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                Token token;
                if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                    int[] end = new int[1];
                    token = new Token(quoted(text, i, end), true);
                    i = end[0];
                    while (i < n && Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    if (i < n && text.charAt(i) != ',') {
                        throw error("unexpected '" + text.charAt(i) + "' after quoted value '" + token.text()
                                + "' (column " + (i + 1) + ")");
                    }
                } else {
                    int start = i;
                    while (i < n && text.charAt(i) != ',') {
                        i++;
                    }
                    String plain = text.substring(start, i).strip();
                    if (plain.isEmpty()) {
                        throw error("empty value in position " + (out.size() + 1));
                    }
                    token = new Token(plain, false);
                }
                out.add(token);
                if (i >= n) {
                    return out;
                }
                i++; // the comma
            }
        }

        /** Reads a quoted string starting at {@code start}; {@code end[0]} is set after the closing quote. */
        private String quoted(String text, int start, int[] end) {
            char quote = text.charAt(start);
            StringBuilder sb = new StringBuilder();
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    sb.append(text.charAt(++i));
                } else if (c == quote) {
                    end[0] = i + 1;
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            throw error("unterminated quoted string starting at column " + (start + 1));
        }

        private ArffException error(String problem) {
            return new ArffException(source, line, problem);
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }

        /** Turns data lines into the one-hot feature matrix and the labels. */
        private final class Encoder {
            private final List<Attribute> header;
            private final List<Attribute> features;
            private final Attribute cls;
            private final int cols;
            private float[] x = new float[1024];
            private float[] y = new float[64];
            private int rows;

            Encoder(List<Attribute> header) {
                this.header = header;
                this.features = header.subList(0, header.size() - 1);
                this.cls = header.get(header.size() - 1);
                this.cols = features.stream().mapToInt(Attribute::width).sum();
            }

            int rows() {
                return rows;
            }

            void add(List<Token> tokens) {
                if (tokens.size() != header.size()) {
                    throw error("expected " + header.size() + " values, found " + tokens.size());
                }
                float[] row = new float[cols];
                int col = 0;
                for (int a = 0; a < features.size(); a++) {
                    Attribute attr = features.get(a);
                    Token t = tokens.get(a);
                    if (attr.numeric()) {
                        row[col] = t.missing() ? Float.NaN : number(attr, t);
                    } else if (t.missing()) {
                        Arrays.fill(row, col, col + attr.width(), Float.NaN);
                    } else {
                        row[col + valueIndex(attr, t)] = 1f;
                    }
                    col += attr.width();
                }
                Token label = tokens.get(tokens.size() - 1);
                if (label.missing()) {
                    throw error("missing class value ('?') for '" + cls.name() + "'");
                }
                append(row, valueIndex(cls, label));
            }

            private float number(Attribute attr, Token t) {
                try {
                    double v = Double.parseDouble(t.text());
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        throw new NumberFormatException();
                    }
                    return (float) v;
                } catch (NumberFormatException e) {
                    throw error("attribute '" + attr.name() + "': '" + t.text() + "' is not a finite number");
                }
            }

            private int valueIndex(Attribute attr, Token t) {
                Integer i = attr.index().get(t.text());
                if (i == null) {
                    throw error("attribute '" + attr.name() + "': '" + t.text() + "' is not one of " + attr.values());
                }
                return i;
            }

            private void append(float[] row, int label) {
                if ((rows + 1) * cols > x.length) {
                    x = Arrays.copyOf(x, Math.max(x.length * 2, (rows + 1) * cols));
                }
                if (rows == y.length) {
                    y = Arrays.copyOf(y, y.length * 2);
                }
                System.arraycopy(row, 0, x, rows * cols, cols);
                y[rows++] = label;
            }

            Dataset dataset() {
                List<String> names = new ArrayList<>(cols);
                for (Attribute attr : features) {
                    if (attr.numeric()) {
                        names.add(attr.name());
                    } else {
                        attr.values().forEach(v -> names.add(attr.name() + "=" + v));
                    }
                }
                return new Dataset(Arrays.copyOf(x, rows * cols), rows, cols,
                        Arrays.copyOf(y, rows), names, cls.values());
            }
        }
    }
}
