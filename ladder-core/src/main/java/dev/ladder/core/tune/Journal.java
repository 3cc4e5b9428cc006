package dev.ladder.core.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tuner's side of the journal: numbers events, collects the events of one group and hands the
 * group to the {@link EventLog} on {@link #flush()}. Every suggestion, result (with the decision taken
 * on it) and trial end is an event. With {@link EventLog#none()} it only counts.
 */
final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventLog log;
    private final List<ObjectNode> group = new ArrayList<>();
    private long seq;

    Journal(EventLog log, long lastSeq) {
        this.log = log;
        this.seq = lastSeq;
    }

    /** Adds an event of {@code type} to the current group; {@code fields} alternate names and values. */
    void write(String type, Object... fields) {
        seq++;
        if (log.keepsNothing()) {
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("seq", seq);
        event.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            event.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        event.put("time", Instant.now().toString());
        group.add(event);
    }

    /** The sequence number of the last event written. */
    long lastSeq() {
        return seq;
    }

    /** Commits the current group; returns once it is durable. */
    void flush() {
        if (!group.isEmpty()) {
            log.commit(List.copyOf(group));
            group.clear();
        }
    }
}
