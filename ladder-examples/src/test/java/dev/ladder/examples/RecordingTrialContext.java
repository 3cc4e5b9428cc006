package dev.ladder.examples;

import dev.ladder.core.tune.TrialContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A trial context for tests: records every report and says "go on" until {@code pauseAt}. */
public final class RecordingTrialContext implements TrialContext {
    /** One call to {@link #report}. */
    public record Report(long resource, Map<String, Double> metrics) {
    }

    private final long resumeFrom;
    private final long maxResource;
    private final long pauseAt;
    private final Path checkpointDir;
    public final List<Report> reports = new ArrayList<>();

    /**
     * @param pauseAt the resource at which {@code report} returns false, or {@code Long.MAX_VALUE} for never
     */
    public RecordingTrialContext(long resumeFrom, long maxResource, long pauseAt, Path checkpointDir) {
        this.resumeFrom = resumeFrom;
        this.maxResource = maxResource;
        this.pauseAt = pauseAt;
        this.checkpointDir = checkpointDir;
    }

    public static RecordingTrialContext straight(long maxResource, Path dir) {
        return new RecordingTrialContext(0, maxResource, Long.MAX_VALUE, dir);
    }

    @Override
    public int trialId() {
        return 7;
    }

    @Override
    public long resumeFrom() {
        return resumeFrom;
    }

    @Override
    public long maxResource() {
        return maxResource;
    }

    @Override
    public boolean report(long resource, Map<String, Double> metrics) {
        reports.add(new Report(resource, Map.copyOf(metrics)));
        return resource < pauseAt;
    }

    @Override
    public Path checkpointDir() {
        return checkpointDir;
    }

    public Report last() {
        return reports.get(reports.size() - 1);
    }

    public List<Long> resources() {
        return reports.stream().map(Report::resource).toList();
    }
}
