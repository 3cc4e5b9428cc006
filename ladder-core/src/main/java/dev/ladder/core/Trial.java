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

    /** A PENDING trial of {@code config}; ids are given by the tuner, from 1 in start order. */
    public Trial(int id, Config config) {
        this.id = id;
        this.config = config;
    }

    /** Its id, unique within the experiment. */
    public int id() { return id; }
    /** The configuration it trains. */
    public Config config() { return config; }
    /** Where it is in its life. */
    public TrialStatus status() { return status; }
    /** The largest resource this trial has reported, 0 before its first report. */
    public long lastResource() { return lastResource; }
    /** The folder holding its checkpoint, when it saved one. */
    public Optional<Path> checkpoint() { return Optional.ofNullable(checkpoint); }
    /** Why it is in its status: the last decision's reason, or the failure message. */
    public String reason() { return reason; }

    /** Sets its status and why (null reads as none); the tuner's event loop only. */
    public void setStatus(TrialStatus status, String reason) {
        this.status = status;
        this.reason = reason == null ? "" : reason;
    }

    /** Records the largest resource it has reported; the tuner's event loop only. */
    public void setLastResource(long lastResource) { this.lastResource = lastResource; }
    /** Records the folder of its last recorded checkpoint; the tuner's event loop only. */
    public void setCheckpoint(Path checkpoint) { this.checkpoint = checkpoint; }

    @Override
    public String toString() {
        return "Trial " + id + " " + status + " at " + lastResource + " " + config;
    }
}
