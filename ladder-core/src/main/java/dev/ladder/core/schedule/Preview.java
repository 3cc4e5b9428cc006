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

    /** The preview of {@code spec}'s scheduler (its registry entry's) with {@code trials} trials. */
    public static Preview of(SchedulerSpec spec, int trials) {
        return spec.preview(trials);
    }

    /** Every trial runs to the maximum resource, in one rung. */
    static Preview single(SchedulerSpec spec, int trials, String note) {
        return new Preview(spec.name(), trials, List.of(new Bracket(0, List.of(new RungSize(spec.requireMax(), trials)))), note);
    }

    /** One bracket of ASHA's rungs, floor(n / eta^i) reaching rung i. */
    static Preview halving(SchedulerSpec spec, int trials, String note) {
        return new Preview(spec.name(), trials,
                List.of(halving(0, trials, RungLevels.of(spec.minResource(), spec.requireMax(), spec.eta()), 0, spec.eta())), note);
    }

    static Preview asha(SchedulerSpec spec, int trials) {
        return halving(spec, trials, "ASHA needs no bracket size: these counts hold once all trials have reported, if no promotion was wrong");
    }

    static Preview rush(SchedulerSpec spec, int trials) {
        return halving(spec, trials, "as ASHA, plus " + spec.parameters().configs(Schedulers.ARMS.name()).size()
                + " transferred configurations run to the maximum first; "
                + "trials worse than them at a rung stop there, so this is the most RUSH uses");
    }

    static Preview asyncHyperband(SchedulerSpec spec, int trials) {
        long[] levels = RungLevels.of(spec.minResource(), spec.requireMax(), spec.eta());
        int brackets = levels.length;
        double[] weight = new double[brackets];
        double total = 0;
        for (int s = 0; s < brackets; s++) {
            weight[s] = Schedulers.brackets(spec) == RungScheduler.BracketSelection.SAMPLE
                    ? Math.pow(spec.eta(), brackets - 1 - s) / (brackets - s) : 1;
            total += weight[s];
        }
        List<Bracket> out = new ArrayList<>();
        long given = 0;
        for (int s = 0; s < brackets; s++) {
            long n = Schedulers.brackets(spec) == RungScheduler.BracketSelection.SAMPLE
                    ? (s == brackets - 1 ? trials - given : (long) Math.floor(trials * weight[s] / total))
                    : trials / brackets + (s < trials % brackets ? 1 : 0); // trial i goes to bracket i mod B
            given += n;
            out.add(halving(s, n, levels, s, spec.eta()));
        }
        return new Preview(spec.name(), trials, out, "new trials go to brackets by "
                + Schedulers.brackets(spec).name().toLowerCase(Locale.ROOT) + (Schedulers.brackets(spec) == RungScheduler.BracketSelection.SAMPLE
                ? " (expected counts)" : "") + "; counts assume every promotion is right");
    }

    static Preview adaptive(SchedulerSpec spec, int trials) {
        long[] levels = AdaptiveScheduler.levels(spec.requireMax(), spec.eta(),
                Math.toIntExact(spec.parameters().integer(Schedulers.MAX_RUNGS.name())));
        AdaptiveScheduler.Mode mode = AdaptiveScheduler.Mode.valueOf(spec.parameters().choice(Schedulers.MODE.name()).toUpperCase(Locale.ROOT));
        int[] rungs = AdaptiveScheduler.bracketRungs(mode, levels.length);
        long[] caps = AdaptiveScheduler.split(trials, spec.eta(), rungs);
        List<Bracket> out = new ArrayList<>();
        for (int b = 0; b < rungs.length; b++) {
            int start = levels.length - rungs[b];
            out.add(halving(start, caps[b], levels, start, spec.eta()));
        }
        return new Preview(spec.name(), trials, out, "mode " + mode.name().toLowerCase(Locale.ROOT)
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

    /** The preview as text, one line per bracket with its rungs' configs and resource, as {@code ladder preview} prints it. */
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
