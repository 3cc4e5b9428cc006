package dev.ladder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.store.ResultRow;
import dev.ladder.store.TrialRow;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ls and show say of one experiment: its metric (from its journal), its trials, and its best result,
 * chosen as the tuner chooses it (the highest resource reached, then the best value there).
 * Excluded trials ({@code ladder exclude}) are left out of the best.
 */
record ExperimentSummary(Metric metric, List<TrialRow> trials, ResultRow best, double bestValue, Map<Integer, String> excluded) {

    static ExperimentSummary of(ExperimentView e) {
        Metric metric = e.header().metric();
        Map<Integer, String> excluded = e.excluded();
        ResultRow best = null;
        double bestValue = Double.NaN;
        for (ResultRow r : e.results()) {
            if (excluded.containsKey(r.trialId())) {
                continue;
            }
            double v = value(r, metric);
            if (metric.constraint() != null && !metric.feasible(dev.ladder.core.journal.JournalCodec.metrics(r.metricsJson()))) {
                continue; // an infeasible result is never the best
            }
            if (best == null || r.resource() > best.resource() || (r.resource() == best.resource() && metric.better(v, bestValue))) {
                best = r;
                bestValue = v;
            }
        }
        return new ExperimentSummary(metric, e.trials(), best, bestValue, excluded);
    }

    static double value(ResultRow r, Metric metric) {
        try {
            return DemoCommand.JSON.readTree(r.metricsJson()).path(metric.name()).asDouble(Double.NaN);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("result of trial " + r.trialId() + " is not JSON", ex);
        }
    }

    String bestText() {
        return String.format(Locale.ROOT, "%s %.4f (trial %d at %d)", metric.name(), bestValue, best.trialId(), best.resource());
    }

    Map<TrialStatus, Integer> byStatus() {
        Map<TrialStatus, Integer> m = new EnumMap<>(TrialStatus.class);
        trials.forEach(t -> m.merge(t.status(), 1, Integer::sum));
        return m;
    }

    /** For each resource some trial stopped at: how many trials reached at least that resource. */
    Map<Long, Integer> reached() {
        Map<Long, Integer> m = new TreeMap<>();
        trials.forEach(t -> m.putIfAbsent(t.lastResource(), 0));
        m.replaceAll((level, n) -> (int) trials.stream().filter(t -> t.lastResource() >= level).count());
        return m;
    }

    /** Resource trained, counting each trial up to the last resource it reported. */
    long resourceUsed() {
        return trials.stream().mapToLong(TrialRow::lastResource).sum();
    }
}
