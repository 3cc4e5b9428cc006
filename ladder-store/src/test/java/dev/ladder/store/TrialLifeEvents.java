package dev.ladder.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Journal events as the tuner writes them, in a stream where each trial starts, reports at resources 1, 2, 3 and ends. */
final class TrialLifeEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialLifeEvents() {
    }

    /** Events {@code from} .. {@code from + n - 1}. */
    static List<ObjectNode> group(long from, int n) {
        List<ObjectNode> out = new ArrayList<>(n);
        for (long s = from; s < from + n; s++) {
            out.add(event(s));
        }
        return out;
    }

    /** Event {@code seq}: of trial (seq - 1) / 5, its start, its results at 1, 2, 3, then its end. */
    static ObjectNode event(long seq) {
        long trial = (seq - 1) / 5;
        int step = (int) ((seq - 1) % 5);
        ObjectNode e = JSON.createObjectNode().put("seq", seq);
        switch (step) {
            case 0 -> {
                e.put("type", "start").put("trial", trial).put("target", 3);
                e.putObject("config").put("x0", 0.25).put("x1", 0.75);
            }
            case 4 -> e.put("type", "end").put("trial", trial).put("status", "COMPLETED").put("reason", "reached 3")
                    .putNull("checkpoint");
            default -> {
                e.put("type", "result").put("trial", trial).put("resource", step).put("decision", "continue")
                        .put("reason", "rung " + step).put("seconds", 0.001);
                e.putObject("metrics").put("loss", 0.125 + 1.0 / step);
            }
        }
        return e.put("time", 1.5);
    }
}
