package dev.ladder.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An experiment as stored: its spec (JSON), seed and status, when it was created, and who holds
 * its lease ({@code owner} empty when nobody does) since when and last heartbeat.
 */
public record ExperimentRow(long id, String name, String specJson, long seed, ExperimentStatus status,
                            Instant createdAt, Optional<String> owner, Optional<Instant> ownerSince,
                            Optional<Instant> heartbeatAt) {
}
