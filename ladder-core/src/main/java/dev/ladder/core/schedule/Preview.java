package dev.ladder.core.schedule;

import dev.ladder.core.schedule.SynchronousHyperband.Bracket;
import dev.ladder.core.schedule.SynchronousHyperband.RungSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scheduler will do, computed without running anything (like Determined's preview-search):
 * its brackets, how many configurations each rung holds if every promotion is right, and the total
 * resource that takes (a promoted or continued trial trains only from its last rung on).
 */
public record Preview(String scheduler, int trials, List<Bracket> brackets, String note) {

    public static Preview of(SchedulerSpec spec, int trials) {
        long max = spec.requireMax();
        long eta = spec.eta();
        return switch (spec.name()) {
            case "fifo" -> new Preview("fifo", trials, List.of(new Bracket(0, List.of(new RungSize(max, trials)))),
                    "every trial runs to the maximum resource");
            case "median" -> new Preview("median", trials, List.of(new Bracket(0, List.of(new RungSize(max, trials)))),
                    "the median rule stops trials at r = " + RungLevels.toString(RungLevels.of(spec.minResource(), max, eta))
                            + " when they fall behind; how many it stops depends on the curves, so this is the most it can use");
            case "hyperband" -> new Preview("hyperband", trials,
                    SynchronousHyperband.hyperbandBrackets(spec.minResource(), max, eta),
                    "one Hyperband iteration (Algorithm 1); further brackets open while workers are free and trials remain");
            case "sha" -> new Preview("sha", trials, List.of(SynchronousHyperband.shaBracket(trials, spec.minResource(), max,
                    eta, spec.earlyStoppingRate())), "one bracket of Algorithm 2; another opens while workers are free and trials remain");
            case "asha", "asha-stopping" -> new Preview(spec.name(), trials,
                    List.of(halving(0, trials, RungLevels.of(spec.minResource(), max, eta), 0, eta)),
                    "ASHA needs no bracket size: these counts hold once all trials have reported, if no promotion was wrong");
            case "pasha" -> new Preview("pasha", trials,
                    List.of(halving(0, trials, RungLevels.of(spec.minResource(), max, eta), 0, eta)),
                    "the most PASHA can use: it starts with the two lowest rungs and adds a rung only while the "
                            + "rankings of its two highest rungs disagree");
            case "rush", "rush-stopping" -> new Preview(spec.name(), trials,
                    List.of(halving(0, trials, RungLevels.of(spec.minResource(), max, eta), 0, eta)),
                    "as ASHA, plus " + spec.arms().size() + " transferred configurations run to the maximum first; "
                            + "trials worse than them at a rung stop there, so this is the most RUSH uses");
            case "async-hyperband", "async-hyperband-stopping" -> asyncHyperband(spec, trials);
            case "adaptive" -> adaptive(spec, trials);
            default -> throw new IllegalArgumentException("unknown scheduler '" + spec.name() + "' (known: "
                    + String.join(", ", Schedulers.NAMES) + ")");
        };
    }

    private static Preview asyncHyperband(SchedulerSpec spec, int trials) {
        long[] levels = RungLevels.of(spec.minResource(), spec.requireMax(), spec.eta());
        int brackets = levels.length;
        double[] weight = new double[brackets];
        double total = 0;
        for (int s = 0; s < brackets; s++) {
            weight[s] = spec.brackets() == RungScheduler.BracketSelection.SAMPLE
                    ? Math.pow(spec.eta(), brackets - 1 - s) / (brackets - s) : 1;
            total += weight[s];
        }
        List<Bracket> out = new ArrayList<>();
        long given = 0;
        for (int s = 0; s < brackets; s++) {
            long n = spec.brackets() == RungScheduler.BracketSelection.SAMPLE
                    ? (s == brackets - 1 ? trials - given : (long) Math.floor(trials * weight[s] / total))
                    : trials / brackets + (s < trials % brackets ? 1 : 0); // trial i goes to bracket i mod B
            given += n;
            out.add(halving(s, n, levels, s, spec.eta()));
        }
        return new Preview(spec.name(), trials, out, "new trials go to brackets by "
                + spec.brackets().name().toLowerCase(Locale.ROOT) + (spec.brackets() == RungScheduler.BracketSelection.SAMPLE
                ? " (expected counts)" : "") + "; counts assume every promotion is right");
    }

    private static Preview adaptive(SchedulerSpec spec, int trials) {
        long[] levels = AdaptiveScheduler.levels(spec.requireMax(), spec.eta(), AdaptiveScheduler.DEFAULT_MAX_RUNGS);
        int[] rungs = AdaptiveScheduler.bracketRungs(spec.mode(), levels.length);
        long[] caps = AdaptiveScheduler.split(trials, spec.eta(), rungs);
        List<Bracket> out = new ArrayList<>();
        for (int b = 0; b < rungs.length; b++) {
            int start = levels.length - rungs[b];
            out.add(halving(start, caps[b], levels, start, spec.eta()));
        }
        return new Preview("adaptive", trials, out, "mode " + spec.mode().name().toLowerCase(Locale.ROOT)
                + ": trials split inversely to each bracket's average resource (thesis 3.5.1)");
    }

    /** n configurations entering at levels[from], floor(n / eta^i) of them reaching each later rung. */
    private static Bracket halving(int s, long n, long[] levels, int from, long eta) {
        List<RungSize> rungs = new ArrayList<>();
        long count = n;
        for (int k = from; k < levels.length; k++) {
            rungs.add(new RungSize(levels[k], count));
            count /= eta;
        }
        return new Bracket(s, rungs);
    }

    /** The resource all brackets use: each rung's configurations train from the previous rung's level. */
    public long totalResource() {
        long total = 0;
        for (Bracket b : brackets) {
            long previous = 0;
            for (RungSize r : b.rungs()) {
                total += r.configs() * (r.resource() - previous);
                previous = r.resource();
            }
        }
        return total;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(scheduler).append(": ").append(note).append('\n');
        for (Bracket b : brackets) {
            sb.append(String.format(Locale.ROOT, "  bracket %d:", b.s()));
            for (RungSize r : b.rungs()) {
                sb.append(String.format(Locale.ROOT, "  %d configs @ %d", r.configs(), r.resource()));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "total resource: %,d", totalResource())).append('\n');
        return sb.toString();
    }
}
