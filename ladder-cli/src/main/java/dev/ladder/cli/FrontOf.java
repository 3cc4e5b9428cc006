package dev.ladder.cli;

import dev.ladder.core.Metric;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.pareto.ParetoFront;
import dev.ladder.store.ResultRow;
import java.util.Locale;
import java.util.Optional;

/** The Pareto front of an experiment with several objectives, from its results, as show and export give it. */
final class FrontOf {
    private FrontOf() {
    }

    /** Empty when the experiment has one objective. */
    static Optional<ParetoFront> of(ExperimentView e) {
        Metric metric = e.header().metric();
        if (!metric.multiObjective()) {
            return Optional.empty();
        }
        ParetoFront.Builder b = new ParetoFront.Builder(metric);
        for (ResultRow r : e.results()) {
            b.add(r.trialId(), r.resource(), JournalCodec.metrics(r.metricsJson()), r.timeS());
        }
        return Optional.of(b.build());
    }

    /** "loss min, size min; constraint excess <= 0". */
    static String objectivesText(Metric metric) {
        StringBuilder s = new StringBuilder();
        for (Metric o : metric.objectives()) {
            s.append(s.length() == 0 ? "" : ", ").append(o.name()).append(' ').append(o.mode().name().toLowerCase(Locale.ROOT));
        }
        return s + (metric.constraint() == null ? "" : "; constraint " + metric.constraint() + " <= 0");
    }
}
