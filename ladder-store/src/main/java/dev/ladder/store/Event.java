package dev.ladder.store;

import java.util.Objects;

/**
 * One entry of an experiment's journal: its position {@code seq} (1, 2, 3, ... per experiment,
 * without gaps), a type name and a JSON body.
 */
public record Event(long seq, String type, String body) {
    /** Rejects a null type or body and a seq below 1. */
    public Event {
        Objects.requireNonNull(type, "event type");
        Objects.requireNonNull(body, "event body");
        if (seq < 1) {
            throw new IllegalArgumentException("event seq must be >= 1, got " + seq);
        }
    }
}
