package dev.ladder.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A configuration under evaluation. Its state is changed only by the tuner's event loop;
 * schedulers and listeners read it.
 */
public final class Trial {
    private final int id;
    private final Config config;
    private TrialStatus status = TrialStatus.PENDING;
    private long lastResource;
    private Path checkpoint;
    private String reason = "";

    public Trial(int id, Config config) {
        this.id = id;
        this.config = config;
    }

    public int id() { return id; }
    public Config config() { return config; }
    public TrialStatus status() { return status; }
    /** The largest resource this trial has reported, 0 before its first report. */
    public long lastResource() { return lastResource; }
    /** The folder holding its checkpoint, when it saved one. */
    public Optional<Path> checkpoint() { return Optional.ofNullable(checkpoint); }
    /** Why it is in its status: the last decision's reason, or the failure message. */
    public String reason() { return reason; }

    public void setStatus(TrialStatus status, String reason) {
        this.status = status;
        this.reason = reason == null ? "" : reason;
    }

    public void setLastResource(long lastResource) { this.lastResource = lastResource; }
    public void setCheckpoint(Path checkpoint) { this.checkpoint = checkpoint; }

    @Override
    public String toString() {
        return "Trial " + id + " " + status + " at " + lastResource + " " + config;
    }
}
