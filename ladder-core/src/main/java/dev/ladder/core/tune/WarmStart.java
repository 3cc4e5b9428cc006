package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.space.SearchSpace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks for warm starts: every enqueued or imported configuration must lie in the search space. */
public final class WarmStart {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private WarmStart() {
    }

    /** {@code configs} unchanged once each lies in {@code space}; else one error naming {@code source}, the config's number and the parameter. */
    public static List<Config> checked(SearchSpace space, List<Config> configs, String source) {
        for (int i = 0; i < configs.size(); i++) {
            checked(space, configs.get(i), source + ": config " + (i + 1) + " of " + configs.size());
        }
        return List.copyOf(configs);
    }

    /**
     * The configurations listed in {@code file}, each checked against {@code space}: a JSON or YAML list of
     * mappings (or a mapping whose {@code configs} key holds one), or a CSV whose header names parameters.
     * An error names the file, the config's number (or line) and the parameter.
     */
    public static List<Config> configsFromFile(Path file, SearchSpace space) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("enqueue: cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Config> configs = new ArrayList<>();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            List<List<String>> rows = Csv.parse(text);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("enqueue: " + file + " is empty (it needs a header line of parameter names)");
            }
            List<String> header = rows.get(0);
            for (int i = 1; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("enqueue: " + file + " line " + (i + 1) + " has " + row.size()
                            + " fields, the header " + header.size());
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    values.put(header.get(c), value(row.get(c)));
                }
                configs.add(checked(space, Config.of(values), "enqueue: " + file + " line " + (i + 1)));
            }
            return List.copyOf(configs);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text); // YAML reads JSON too
        } catch (IOException e) {
            throw new IllegalArgumentException("enqueue: " + file + " is neither JSON nor YAML: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return checked(space, configsOf(root, "enqueue: " + file), "enqueue: " + file);
    }

    /** A list of mappings (or a mapping whose {@code configs} holds one) as configurations; {@code where} names it in an error. */
    public static List<Config> configsOf(JsonNode node, String where) {
        JsonNode list = node != null && node.isObject() && node.has("configs") ? node.get("configs") : node;
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list of configurations (mappings of parameter names to values), got "
                    + (list == null ? "nothing" : list.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        List<Config> configs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            if (!c.isObject()) {
                throw new IllegalArgumentException(where + ": config " + (i + 1) + " is not a mapping of parameter names to values: " + c);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            c.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                values.put(f.getKey(), v.isIntegralNumber() ? (Object) v.longValue() : v.isNumber() ? (Object) v.doubleValue()
                        : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
            });
            configs.add(Config.of(values));
        }
        return configs;
    }

    static Config checked(SearchSpace space, Config config, String where) {
        try {
            space.validate(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " " + config + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** A CSV field as a config value: an integer, a number, true/false, or the text. */
    static Object value(String field) {
        String f = field.trim();
        if (f.equals("true") || f.equals("false")) {
            return Boolean.parseBoolean(f);
        }
        try {
            return Long.parseLong(f);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(f);
            } catch (NumberFormatException notDouble) {
                return field;
            }
        }
    }
}
