package dev.ladder.server;

import dev.ladder.core.Best;
import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.journal.TrialPath;
import dev.ladder.store.ExperimentRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the dashboard knows of one experiment, built by applying its journal event by event (the same
 * {@link ExperimentState} the tuner and recovery use, plus the series the pages draw): each API call then
 * aggregates in memory, in time linear in the trials at most, never in the reports. Thread-safe: the
 * catalog applies new events while requests read.
 */
final class ExperimentModel {
    private final ExperimentState state = new ExperimentState(null, null);
    private final Map<Integer, TrialSeries> series = new HashMap<>();
    private final List<Api.BestPoint> best = new ArrayList<>();
    /** Rung level to {reached, paused there now, stopped there, promoted from it}. */
    private final TreeMap<Long, int[]> rungs = new TreeMap<>();
    private final Map<Integer, Long> pausedAt = new HashMap<>();
    private final List<Api.Promotion> promotions = new ArrayList<>();
    /** The journal so far, for a trial's path up the ladder ({@link TrialPath}: it needs the other trials' results). */
    private final List<JournalEntry> journal = new ArrayList<>();
    private ExperimentRow row;
    private Instant start;
    private long lastSeq;
    private Best lastBest;

    ExperimentModel(ExperimentRow row) {
        this.row = row;
    }

    synchronized void setRow(ExperimentRow row) {
        this.row = row;
    }

    synchronized ExperimentRow row() {
        return row;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Applies the next event of the journal. */
    synchronized void apply(JournalEntry entry) {
        lastSeq = entry.seq();
        journal.add(entry);
        if (start == null && entry.time() != null) {
            start = entry.time();
        }
        double t = start == null || entry.time() == null ? 0 : Duration.between(start, entry.time()).toNanos() / 1e9;
        JournalEvent e = entry.event();
        state.apply(e);
        if (e instanceof JournalEvent.Start s) {
            TrialSeries ts = new TrialSeries(s.trialId(), JournalCodec.json(s.config().asMap()));
            series.put(s.trialId(), ts);
            note(s.trialId(), entry, t, "start", s.resource(), "started, to run up to " + s.resource());
        } else if (e instanceof JournalEvent.Result r) {
            result(entry, r, t);
        } else if (e instanceof JournalEvent.Resume r) {
            promotions.add(new Api.Promotion(t, r.from(), r.resource(), r.trialId()));
            rung(r.from())[3]++;
            leaveRung(r.trialId());
            note(r.trialId(), entry, t, "resume", r.from(), "promoted from " + r.from() + " to run up to " + r.resource()
                    + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        } else if (e instanceof JournalEvent.Restart r) {
            note(r.trialId(), entry, t, "restart", r.from(), "restarted from " + r.from() + (r.checkpoint() ? " (checkpoint)" : "")
                    + " to run up to " + r.resource() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        } else if (e instanceof JournalEvent.Suspend s) {
            note(s.trialId(), entry, t, "suspend", s.resource(), "suspended" + (s.reason().isEmpty() ? "" : ": " + s.reason()));
        } else if (e instanceof JournalEvent.End end) {
            note(end.trialId(), entry, t, "end", end.resource(), end.status().name().toLowerCase()
                    + (end.reason().isEmpty() ? "" : ": " + end.reason()));
        } else if (e instanceof JournalEvent.Invalid i) {
            note(i.trialId(), entry, t, "invalid", i.resource(), "report refused: " + i.reason());
        } else if (e instanceof JournalEvent.Ignored i) {
            note(i.trialId(), entry, t, "ignored", i.resource(), "report ignored: " + i.reason());
        } else if (e instanceof JournalEvent.BestCheckpoint b) {
            note(b.trialId(), entry, t, "checkpoint", b.resource() == null ? 0 : b.resource(), "checkpoint kept as best: " + b.path());
        } else if (e instanceof JournalEvent.Gc gc) {
            note(gc.trialId(), entry, t, "checkpoint", 0, (gc.best() ? "best" : "latest") + " checkpoint deleted: " + gc.reason());
        }
    }

    private void result(JournalEntry entry, JournalEvent.Result r, double t) {
        Metric metric = metric();
        Double value = metric == null ? null : r.metrics().get(metric.name());
        TrialSeries ts = series.get(r.trialId());
        if (value != null && ts != null) {
            ts.add(r.resource(), value, t);
        }
        if (!r.decision().equals("continue") || !r.reason().isEmpty()) {
            note(r.trialId(), entry, t, "decision", r.resource(), r.decision()
                    + (r.reason().isEmpty() ? "" : ": " + r.reason()) + (r.byScheduler() ? "" : " (by the tuner)"));
        }
        if (r.decision().equals("pause") || r.decision().equals("stop")) {
            int[] at = rung(r.resource());
            at[0]++;
            if (r.decision().equals("pause")) {
                at[1]++;
                leaveRung(r.trialId());
                pausedAt.put(r.trialId(), r.resource());
            } else {
                at[2]++;
            }
        }
        Best now = state.best().orElse(null);
        if (now != null && (lastBest == null || now.trialId() != lastBest.trialId() || now.resource() != lastBest.resource()
                || now.value() != lastBest.value())) {
            best.add(new Api.BestPoint(t, state.totalResource(), now.value(), now.trialId(), now.resource()));
            lastBest = now;
        }
    }

    private int[] rung(long level) {
        return rungs.computeIfAbsent(level, l -> new int[4]);
    }

    private void leaveRung(int trial) {
        Long level = pausedAt.remove(trial);
        if (level != null) {
            rungs.get(level)[1]--;
        }
    }

    private void note(int trial, JournalEntry entry, double t, String kind, long resource, String text) {
        TrialSeries ts = series.get(trial);
        if (ts != null) {
            ts.decisions.add(new Api.Decision(entry.seq(), t, kind, resource, text));
        }
    }

    private Metric metric() {
        return state.header().map(JournalEvent.Experiment::metric).orElse(null);
    }

    synchronized Api.ExperimentItem item() {
        Metric metric = metric();
        int running = 0;
        for (Trial t : state.trials().values()) {
            if (t.status() == TrialStatus.RUNNING) {
                running++;
            }
        }
        Api.Best b = state.best().map(x -> new Api.Best(x.value(), x.trialId(), x.resource())).orElse(null);
        return new Api.ExperimentItem(row.name(), row.shownStatus().name(), metric == null ? null : metric.name(),
                metric == null ? null : metric.mode().name().toLowerCase(), b, state.trials().size(), running,
                state.totalResource(), row.createdAt().toString(), lastSeq);
    }

    synchronized Api.ExperimentDetail detail(boolean tokenRequired) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
        state.trials().values().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        counts.forEach((s, n) -> byStatus.put(s.name(), n));
        Optional<JournalEvent.Experiment> h = state.header();
        return new Api.ExperimentDetail(item(), h.map(JournalEvent.Experiment::scheduler).orElse(""),
                h.map(JournalEvent.Experiment::workers).orElse(0), byStatus, List.copyOf(rungs.keySet()),
                h.map(JournalEvent.Experiment::stop).orElse(null), row.seed(), row.owner().orElse(null), tokenRequired);
    }

    /** The best so far each time it changed, at most {@code max} points (evenly picked, the last kept). */
    synchronized Api.BestSeries bestSeries(int max) {
        Metric metric = metric();
        List<Api.BestPoint> points = new ArrayList<>(Math.min(max, best.size()));
        for (int i : Downsample.indices(best.size(), max)) {
            points.add(best.get(i));
        }
        return new Api.BestSeries(row.name(), metric == null ? null : metric.name(),
                metric == null ? null : metric.mode().name().toLowerCase(), points);
    }

    /** The Pareto front and its hypervolume over time, at most {@code max} points (evenly picked, the last kept). */
    synchronized Api.Front front(int max) {
        Metric metric = metric();
        return state.front().map(f -> {
            List<Api.HypervolumePoint> points = new ArrayList<>();
            for (int i : Downsample.indices(f.hypervolumeOverTime().size(), max)) {
                double[] p = f.hypervolumeOverTime().get(i);
                points.add(new Api.HypervolumePoint(p[0], p[1]));
            }
            return new Api.Front(row.name(), f.objectives(), metric.objectives().stream().map(o -> o.mode().name().toLowerCase()).toList(),
                    f.resource(), f.members().stream().map(m -> new Api.FrontMember(m.trialId(), m.values())).toList(),
                    f.hypervolume(), f.reference(), points);
        }).orElse(new Api.Front(row.name(), List.of(), List.of(), 0, List.of(), 0, new double[0], List.of()));
    }

    /** Learning curves of at most {@code limit} trials (the running ones, then the best by last value), each of at most {@code perTrial} points. */
    synchronized Api.Curves curves(int limit, int perTrial) {
        List<TrialSeries> chosen = ranked(limit);
        List<Api.Curve> curves = new ArrayList<>(chosen.size());
        for (TrialSeries ts : chosen) {
            curves.add(ts.curve(state.trial(ts.trialId).status().name(), perTrial));
        }
        return new Api.Curves(series.size(), curves.size(), List.copyOf(rungs.keySet()), curves);
    }

    /**
     * At most {@code limit} trials that reported: the running first, then by last value, best first. Each key is
     * computed once and only the chosen are sorted (a bounded heap), so a call costs O(n log limit) for n trials.
     */
    private List<TrialSeries> ranked(int limit) {
        Metric metric = metric();
        record Keyed(TrialSeries ts, boolean running, double loss) {
        }
        Comparator<Keyed> order = Comparator.comparing((Keyed k) -> !k.running()).thenComparingDouble(Keyed::loss)
                .thenComparingInt(k -> k.ts().trialId);
        java.util.PriorityQueue<Keyed> worstFirst = new java.util.PriorityQueue<>(limit + 1, order.reversed());
        for (TrialSeries ts : series.values()) {
            if (ts.size() == 0) {
                continue;
            }
            Keyed k = new Keyed(ts, state.trial(ts.trialId).status() == TrialStatus.RUNNING,
                    metric == null ? 0 : metric.loss(ts.lastValue()));
            if (worstFirst.size() < limit) {
                worstFirst.add(k);
            } else if (order.compare(k, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(k);
            }
        }
        List<Keyed> chosen = new ArrayList<>(worstFirst);
        chosen.sort(order);
        return chosen.stream().map(Keyed::ts).toList();
    }

    synchronized Api.Rungs rungs(int maxPromotions) {
        List<Api.Rung> out = new ArrayList<>();
        rungs.forEach((level, c) -> out.add(new Api.Rung(level, c[0], c[1], c[2], c[3])));
        List<Api.Promotion> p = new ArrayList<>();
        for (int i : Downsample.indices(promotions.size(), maxPromotions)) {
            p.add(promotions.get(i));
        }
        return new Api.Rungs(out, promotions.size(), p);
    }

    /** One page of the trials table: those of {@code filter}, sorted, from {@code offset}. */
    synchronized Api.TrialPage trials(TrialFilter filter, int offset, int limit) {
        Metric metric = metric();
        List<Api.TrialItem> all = new ArrayList<>(series.size());
        for (TrialSeries ts : series.values()) {
            Trial t = state.trial(ts.trialId);
            if (!filter.accepts(t.status(), ts.configJson, t.lastResource())) {
                continue;
            }
            double v = ts.lastValue();
            all.add(new Api.TrialItem(ts.trialId, t.status().name(), t.lastResource(), Double.isNaN(v) ? null : v,
                    ts.size(), null, t.reason()));
        }
        all.sort(filter.order(metric));
        List<Api.TrialItem> page = new ArrayList<>();
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            Api.TrialItem x = all.get(i);
            page.add(new Api.TrialItem(x.id(), x.status(), x.resource(), x.value(), x.reports(),
                    state.trial(x.id()).config().asMap(), x.reason()));
        }
        return new Api.TrialPage(series.size(), all.size(), offset, page);
    }

    /** Trial {@code id} in full, its reports at most {@code maxReports}; empty when the experiment has no such trial. */
    synchronized Optional<Api.TrialDetail> trial(int id, int maxReports, Api.Logs logs) {
        TrialSeries ts = series.get(id);
        if (ts == null) {
            return Optional.empty();
        }
        Trial t = state.trial(id);
        double v = ts.lastValue();
        return Optional.of(new Api.TrialDetail(row.name(), id, t.status().name(), t.reason(), t.config().asMap(),
                t.lastResource(), Double.isNaN(v) ? null : v, ts.size(), ts.points(maxReports), List.copyOf(ts.decisions),
                TrialPath.of(journal, id).lines(),
                state.latestCheckpoint(id).map(c -> new Api.Checkpoint(c.folder(), c.resource(), c.value())).orElse(null),
                state.bestCheckpoint(id).map(c -> new Api.Checkpoint(c.folder(), c.resource(), c.value())).orElse(null), logs));
    }

    /** The parallel coordinates of at most {@code limit} trials (the best by last value). */
    synchronized Api.Parallel parallel(int limit) {
        List<TrialSeries> chosen = ranked(limit);
        List<Map<String, Object>> configs = chosen.stream().map(ts -> state.trial(ts.trialId).config().asMap()).toList();
        ParallelAxes axes = ParallelAxes.of(configs);
        List<Api.Line> lines = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            lines.add(new Api.Line(chosen.get(i).trialId, axes.coords(configs.get(i)), chosen.get(i).lastValue()));
        }
        return new Api.Parallel(series.size(), axes.axes(), lines);
    }
}
