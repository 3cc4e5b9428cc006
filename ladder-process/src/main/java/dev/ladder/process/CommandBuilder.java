package dev.ladder.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings every executor of a command template shares (processes here, Slurm jobs): the command,
 * how many jobs at once, the resource key, extra environment, working folder, log folder and grace period.
 * {@code B} is the concrete builder, so that chained calls keep its own methods.
 */
public abstract class CommandBuilder<B extends CommandBuilder<B>> {
    final List<String> command;
    int workers = dev.ladder.core.tune.Tuner.Builder.DEFAULT_WORKERS;
    String resourceName = "resource";
    final Map<String, String> environment = new LinkedHashMap<>();
    Path workingDir; // null: this JVM's working directory
    Path logRoot; // null: next to the checkpoint folders, see TrialLogs.folder
    Duration gracePeriod = Duration.ofSeconds(10);

    CommandBuilder(List<String> command) {
        this.command = List.copyOf(Objects.requireNonNull(command, "command"));
        new CommandTemplate(this.command); // fails early on an empty command
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** How many jobs run at once (default 1). */
    public B workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + n);
        }
        this.workers = n;
        return self();
    }

    /** The key of the resource in report lines (default {@code resource}), e.g. {@code epoch}. */
    public B resourceName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource name must not be blank");
        }
        this.resourceName = name;
        return self();
    }

    /** An extra environment variable for every job (the LADDER_* variables cannot be overridden). */
    public B env(String name, String value) {
        if (name == null || name.isEmpty() || name.contains("=") || value == null) {
            throw new IllegalArgumentException("invalid environment variable " + name + "=" + value);
        }
        environment.put(name, value);
        return self();
    }

    /** Extra environment variables for every job, each as {@link #env(String, String)}. */
    public B env(Map<String, String> vars) {
        vars.forEach(this::env);
        return self();
    }

    /** The jobs' working directory (default: this JVM's; for Slurm it must exist on the compute nodes). */
    public B workingDir(Path dir) {
        this.workingDir = dir;
        return self();
    }

    /** Logs go to {@code root/trial-N/stdout.log} and {@code stderr.log} (default: next to the checkpoints). */
    public B logRoot(Path root) {
        this.logRoot = root;
        return self();
    }

    /** How long a job may take to exit once asked to before it is killed or cancelled (default 10 s). */
    public B gracePeriod(Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative, got " + grace);
        }
        this.gracePeriod = grace;
        return self();
    }
}
