package dev.ladder.store;

import java.time.Instant;
import java.util.List;

/**
 * A worker as {@code ladder ls} shows it: its name and host, slots, last heartbeat (the database's clock),
 * {@code state} ("alive", "lost": no heartbeat within its lease, or "stopped") and the trials it runs
 * ("experiment#trial").
 */
public record WorkerRow(String name, String host, int slots, Instant heartbeat, String state, List<String> running) {
}
