package dev.ladder.cli;

import dev.ladder.core.Metric;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** What the charts need, gathered in one pass over the journal (events may come from the tuner's writer thread). */
final class PlotData implements Consumer<JournalEntry> {
    /** A growable array of doubles. */
    static final class Doubles {
        private double[] a = new double[8];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double last() {
            return n == 0 ? Double.NaN : a[n - 1];
        }

        int size() {
            return n;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** One trial's reports: resource and value. */
    record Curve(Doubles resource, Doubles value) {
    }

    final Metric metric;
    final Doubles bestTime = new Doubles();
    final Doubles bestValue = new Doubles();
    final Map<Integer, Curve> curves = new LinkedHashMap<>();
    Instant began;
    double best = Double.NaN;
    double lastTime;
    int results;

    PlotData(Metric metric) {
        this.metric = metric;
    }

    /** Returns once every event fed in by other threads is visible to this one: a synchronized no-op. */
    synchronized void settle() {
        // the monitor's release and acquisition order the writer's accepts before the caller's reads
    }

    @Override
    public synchronized void accept(JournalEntry entry) {
        if (began == null && entry.time() != null) {
            began = entry.time();
        }
        if (!(entry.event() instanceof JournalEvent.Result r)) {
            return;
        }
        Double v = r.metrics().get(metric.name());
        if (v == null || !Double.isFinite(v)) {
            return;
        }
        results++;
        double t = began != null && entry.time() != null ? Duration.between(began, entry.time()).toNanos() / 1e9 : r.seconds();
        Curve c = curves.computeIfAbsent(r.trialId(), id -> new Curve(new Doubles(), new Doubles()));
        c.resource().add(r.resource());
        c.value().add(v);
        if (Double.isNaN(best) || metric.better(v, best)) {
            if (!Double.isNaN(best)) {
                bestTime.add(t); // a staircase: the old best up to now, then the new one
                bestValue.add(best);
            }
            best = v;
            bestTime.add(t);
            bestValue.add(v);
        }
        lastTime = Math.max(lastTime, t);
    }
}
