package dev.ladder.server;

import java.util.List;
import java.util.Map;

/** The values the REST API returns, one record per JSON object of docs/api.md. */
final class Api {
    private Api() {
    }

    /** A report: resource, metric value, seconds since the experiment's first event. */
    record Point(long resource, double value, double t) {
    }

    /** A journal event about a trial, in words: its seq, when, its kind, the resource, what was decided and why. */
    record Decision(long seq, double t, String kind, long resource, String text) {
    }

    /** The best so far changed: when, after how much resource in all, to which value, by which trial at which resource. */
    record BestPoint(double t, long resourceUsed, double value, int trial, long resource) {
    }

    /** The experiment's best: as the tuner chooses it (the highest resource reached, then the best value there). */
    record Best(double value, int trial, long resource) {
    }

    record ExperimentItem(String name, String status, String metric, String mode, Best best, int trials, int running,
                          long resourceUsed, String created, long events) {
    }

    record ExperimentDetail(ExperimentItem summary, String scheduler, int workers, Map<String, Integer> byStatus,
                            List<Long> levels, Object limits, long seed, String owner, boolean tokenRequired) {
    }

    /** A trial's learning curve: its resources and values, as two arrays of the same length. */
    record Curve(int trial, String status, long[] resources, double[] values) {
    }

    /** Learning curves of {@code shown} of the {@code total} trials (the running ones, then the best). */
    record Curves(int total, int shown, List<Long> levels, List<Curve> curves) {
    }

    /** A rung level: trials that reported there, are paused there, were stopped there, were promoted from it. */
    record Rung(long level, int reached, int pausedHere, int stoppedHere, int promoted) {
    }

    /** A promotion: when, from which level to which, of which trial. */
    record Promotion(double t, long from, long to, int trial) {
    }

    record Rungs(List<Rung> rungs, int promotionsTotal, List<Promotion> promotions) {
    }

    record TrialItem(int id, String status, long resource, Double value, int reports, Map<String, Object> config, String reason) {
    }

    record TrialPage(int total, int matched, int offset, List<TrialItem> trials) {
    }

    record Checkpoint(String folder, long resource, Double value) {
    }

    record Logs(String folder, List<String> stdout, List<String> stderr) {
    }

    record TrialDetail(String experiment, int id, String status, String reason, Map<String, Object> config, long resource,
                       Double value, int reportCount, List<Point> reports, List<Decision> decisions, List<String> why,
                       Checkpoint latestCheckpoint,
                       Checkpoint bestCheckpoint, Logs logs) {
    }

    /** An axis of the parallel coordinates: a numeric parameter (min, max) or a choice (its values in order). */
    record Axis(String name, boolean numeric, double min, double max, List<String> choices) {
    }

    /** A trial on the parallel coordinates: its coordinate on each axis (0..1, null when it has no such parameter). */
    record Line(int trial, List<Double> coords, double value) {
    }

    record Parallel(int total, List<Axis> axes, List<Line> lines) {
    }

    record BestSeries(String experiment, String metric, String mode, List<BestPoint> points) {
    }

    /** One trial on the Pareto front: its values, objectives in the front's order. */
    record FrontMember(int trial, double[] values) {
    }

    /** The hypervolume of the front after {@code t} seconds. */
    record HypervolumePoint(double t, double hypervolume) {
    }

    /**
     * The Pareto front of an experiment with several objectives (feasible trials at the highest resource a
     * feasible result reached) and its hypervolume over time; {@code objectives} is empty for one objective.
     */
    record Front(String experiment, List<String> objectives, List<String> modes, long resource, List<FrontMember> members,
                 double hypervolume, double[] reference, List<HypervolumePoint> points) {
    }

    record Compare(List<BestSeries> experiments) {
    }

    record Message(String message) {
    }

    record Error(String error) {
    }
}
