package dev.ladder.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.core.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds journal events into the rows a reader wants: the one place that knows how {@code start},
 * {@code resume}, {@code restart}, {@code result}, {@code end}, {@code suspend} and {@code gc} events change
 * a trial's status, last resource and checkpoint, and what a {@code result} event's row is. {@link StoreLog}
 * derives the rows it stores with it; {@code ladder ls/show/export} derive the same rows from a JSON-lines
 * journal, which has no tables.
 */
public final class JournalRows {
    private final Map<Integer, TrialState> trials = new LinkedHashMap<>();

    /** A trial's row as the events so far leave it. */
    private static final class TrialState {
        String config;
        TrialStatus status = TrialStatus.RUNNING;
        long lastResource;
        String checkpoint;
        String reason = "";

        TrialRow row(int id) {
            return new TrialRow(id, config, status, lastResource, checkpoint, reason);
        }
    }

    /** Applies event {@code e}; returns the trial row it changed, or null when it changes none. */
    public TrialRow apply(JsonNode e) {
        String type = e.get("type").asText();
        JsonNode id = e.get("trial");
        if (id == null || !(type.equals("start") || type.equals("resume") || type.equals("restart")
                || type.equals("result") || type.equals("end") || type.equals("suspend") || type.equals("gc"))) {
            return null;
        }
        TrialState t = trials.computeIfAbsent(id.asInt(), k -> new TrialState());
        switch (type) {
            case "start" -> {
                t.config = e.get("config").toString();
                t.status = TrialStatus.RUNNING;
            }
            case "resume", "restart" -> {
                t.status = TrialStatus.RUNNING;
                t.reason = e.path("reason").asText();
            }
            case "result" -> t.lastResource = e.get("resource").asLong();
            case "gc" -> {
                if (!e.path("what").asText("latest").equals("best")) {
                    t.checkpoint = null;
                }
            }
            default -> { // end, suspend
                t.status = type.equals("end") ? TrialStatus.valueOf(e.get("status").asText()) : TrialStatus.PAUSED;
                t.reason = e.path("reason").asText();
                if (e.has("checkpoint")) { // a suspend of a job that never ran names none: the recorded one stays
                    t.checkpoint = e.get("checkpoint").isTextual() ? e.get("checkpoint").asText() : null;
                }
            }
        }
        return t.row(id.asInt());
    }

    /** Every trial's row, in the order the trials first appeared. */
    public List<TrialRow> trials() {
        List<TrialRow> rows = new ArrayList<>(trials.size());
        trials.forEach((id, t) -> rows.add(t.row(id)));
        return rows;
    }

    /** The result row of a {@code result} event. */
    public static ResultRow result(JsonNode e) {
        return new ResultRow(e.get("trial").asInt(), e.get("resource").asLong(), e.get("metrics").toString(),
                e.path("seconds").asDouble());
    }
}
