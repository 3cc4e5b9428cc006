package dev.ladder.process;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report line of the process protocol: {@code LADDER_REPORT {"epoch": 3, "loss": 0.21}}.
 *
 * <p>A line is a report when it starts with {@code LADDER_REPORT} followed by white space (or
 * nothing); every other line is ordinary output. A report's JSON must be an object holding the
 * resource key as a non-negative integer (3 and 3.0 are accepted, 3.5 and "3" are not); every other
 * key with a numeric value is a metric ({@code NaN} and {@code Infinity} are passed on as such, so
 * that the tuner fails the trial naming the metric; {@code null}, strings, booleans, arrays and objects
 * are ignored, so a metric given as one of them is missing).
 * A report line that breaks these rules is malformed: {@link #parse} throws with the reason.
 */
public record ReportLine(long resource, Map<String, Double> metrics) {
    public static final String PREFIX = "LADDER_REPORT";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.dumps writes NaN and Infinity
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** True when {@code line} is meant as a report (well formed or not). */
    public static boolean isReport(String line) {
        if (!line.startsWith(PREFIX)) {
            return false;
        }
        return line.length() == PREFIX.length() || Character.isWhitespace(line.charAt(PREFIX.length()));
    }

    /**
     * Parses a line for which {@link #isReport} holds.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static ReportLine parse(String line, String resourceName) {
        String json = line.substring(PREFIX.length()).strip();
        if (json.isEmpty()) {
            throw new IllegalArgumentException("no JSON object after " + PREFIX);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the JSON is not an object");
        }
        JsonNode r = root.get(resourceName);
        if (r == null) {
            throw new IllegalArgumentException("no resource key '" + resourceName + "'");
        }
        if (!r.isNumber() || !Double.isFinite(r.asDouble()) || r.asDouble() != Math.rint(r.asDouble())
                || r.asDouble() < 0 || r.asDouble() > Long.MAX_VALUE) {
            throw new IllegalArgumentException("resource '" + resourceName + "' must be a non-negative integer, got " + r);
        }
        long resource = r.isIntegralNumber() ? r.asLong() : (long) r.asDouble();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(resourceName)) {
                continue;
            }
            if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return new ReportLine(resource, java.util.Collections.unmodifiableMap(metrics));
    }
}
