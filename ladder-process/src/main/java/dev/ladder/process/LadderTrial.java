package dev.ladder.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trial side of the process protocol for programs written in Java: reads the {@code LADDER_*}
 * environment and prints report lines.
 *
 * <pre>{@code
 * Map<String, Object> config = LadderTrial.config();
 * for (long epoch = LadderTrial.resumeFrom() + 1; epoch <= LadderTrial.maxResource(); epoch++) {
 *     double loss = train(config, epoch);
 *     LadderTrial.report(epoch, Map.of("loss", loss));
 *     save(LadderTrial.checkpointDir(), epoch);
 * }
 * }</pre>
 *
 * <p>Invariants: every getter fails with a message naming the variable when the program was not
 * started by a process executor; {@link #report} writes one whole line with one {@code println} (which
 * {@link java.io.PrintStream} synchronizes, so reports from several threads never interleave) and
 * flushes it; NaN and infinite metrics are written as the bare tokens {@code NaN} and {@code Infinity},
 * which the executor reads, so that the tuner can fail the trial naming the metric.
 */
public final class LadderTrial {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LadderTrial() {
    }

    /** The trial's config ({@code LADDER_CONFIG}): parameter names to numbers, strings or booleans, in order. */
    public static Map<String, Object> config() {
        String json = required("LADDER_CONFIG");
        try {
            Map<String, Object> m = new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
            return Collections.unmodifiableMap(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LADDER_CONFIG is not a JSON object: " + e.getOriginalMessage());
        }
    }

    /** The trial's number ({@code LADDER_TRIAL_ID}). */
    public static int trialId() {
        return (int) number("LADDER_TRIAL_ID");
    }

    /** The resource already trained and recorded ({@code LADDER_RESUME_FROM}): 0 for a new trial. */
    public static long resumeFrom() {
        return number("LADDER_RESUME_FROM");
    }

    /** The resource at which this job should end ({@code LADDER_MAX_RESOURCE}). */
    public static long maxResource() {
        return number("LADDER_MAX_RESOURCE");
    }

    /** The trial's checkpoint folder ({@code LADDER_CHECKPOINT_DIR}); it survives pause and resume. */
    public static Path checkpointDir() {
        return Path.of(required("LADDER_CHECKPOINT_DIR"));
    }

    /** The resource key of report lines: {@code LADDER_RESOURCE_NAME}, or {@code resource}. */
    public static String resourceName() {
        String name = System.getenv("LADDER_RESOURCE_NAME");
        return name == null || name.isBlank() ? "resource" : name;
    }

    /** Prints {@code LADDER_REPORT {"<resource name>": resource, ...metrics}} and flushes stdout. */
    public static void report(long resource, Map<String, Double> metrics) {
        report(resourceName(), resource, metrics);
    }

    /** As {@link #report(long, Map)} with an explicit resource key. */
    public static void report(String resourceName, long resource, Map<String, Double> metrics) {
        System.out.println(line(resourceName, resource, metrics));
        System.out.flush();
    }

    /** The report line, without printing it. */
    public static String line(String resourceName, long resource, Map<String, Double> metrics) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(resourceName, resource);
        metrics.forEach((k, v) -> {
            if (k.equals(resourceName)) {
                throw new IllegalArgumentException("metric '" + k + "' has the resource's name");
            }
            m.put(k, java.util.Objects.requireNonNull(v, () -> "metric '" + k + "' is null"));
        });
        StringBuilder sb = new StringBuilder(ReportLine.PREFIX).append(" {");
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(e.getKey())).append(": ");
            Object v = e.getValue();
            sb.append(v instanceof Double d && !Double.isFinite(d) ? d.toString() : quote(v));
        }
        return sb.append('}').toString();
    }

    private static String quote(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set: this program was not started by a Ladder process executor");
        }
        return v;
    }

    private static long number(String name) {
        String v = required(name);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " is not an integer: '" + v + "'");
        }
    }
}
