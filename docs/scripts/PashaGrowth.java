import dev.ladder.benchmarks.blackbox.LcBench;
import dev.ladder.benchmarks.harness.TaskRun;
import dev.ladder.core.*;
import dev.ladder.core.schedule.*;
import dev.ladder.core.search.RandomSearcher;
import java.util.*;

/**
 * Why PASHA (Bohdal et al., ICLR 2023, arXiv:2207.06940) saves little on LCBench: for each task of bench-pasha's Table 1
 * setting (15 seeds, 256 trials, 4 workers, r = 1..52, eta = 3, the authors' trial-budget protocol), when
 * the maximum resource grew (median number of trials started by then, and in how many runs the
 * estimated epsilon was still 0), and what PASHA would gain if it never grew past 3 epochs (a fixed
 * epsilon of 1e9): the most it can save here. Run from the repository root after a build:
 *
 *   java -cp "ladder-cli/target/ladder.jar:ladder-cli/target/lib/*" docs/scripts/PashaGrowth.java
 */
public class PashaGrowth {
    static double median(List<Double> v) { if (v.isEmpty()) return Double.NaN; List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
    public static void main(String[] a) {
        int[] tasks = {189906, 167149, 168868, 126026, 189873};
        double sumSpeed = 0, sumAcc = 0;
        for (int task : tasks) {
            Map<String, List<Double>> at = new TreeMap<>();
            Map<String, Integer> zero = new TreeMap<>();
            double ashaH = 0, ashaAcc = 0, capH = 0, capAcc = 0;
            for (long seed = 0; seed < 15; seed++) {
                LcBench box = LcBench.of(task);
                PashaScheduler p = new PashaScheduler(new RandomSearcher(box.space(), seed), box.metric(), 1, 52, 3, null);
                int[] started = {0};
                Scheduler w = new Scheduler() {
                    public Optional<Suggestion> suggest(int n, boolean may) {
                        Optional<Suggestion> s = p.suggest(n, may);
                        if (s.isPresent() && s.get() instanceof Suggestion.Start) started[0]++;
                        return s;
                    }
                    public Decision onResult(Trial t, Result r) {
                        long before = p.currentMaxResource();
                        Decision d = p.onResult(t, r);
                        if (p.currentMaxResource() != before && started[0] <= 256) {
                            String k = before + "->" + p.currentMaxResource();
                            at.computeIfAbsent(k, x -> new ArrayList<>()).add((double) started[0]);
                            if (p.epsilon() == 0) zero.merge(k, 1, Integer::sum);
                        }
                        return d;
                    }
                    public void onTrialEnd(Trial t) { p.onTrialEnd(t); }
                    public Metric metric() { return p.metric(); }
                };
                TaskRun.untilTrialBudget(w, box, 4, seed, 256);
                TaskRun asha = TaskRun.untilTrialBudget(new AshaScheduler(new RandomSearcher(box.space(), seed), box.metric(), 1, 52, 3), box, 4, seed, 256);
                TaskRun cap = TaskRun.untilTrialBudget(new PashaScheduler(new RandomSearcher(box.space(), seed), box.metric(), 1, 52, 3, 1e9), box, 4, seed, 256);
                ashaH += asha.seconds(); ashaAcc += asha.finalValue(); capH += cap.seconds(); capAcc += cap.finalValue();
            }
            StringBuilder sb = new StringBuilder(task + ":");
            for (var e : at.entrySet()) sb.append(String.format(" %s in %d/15 runs, median at trial %.0f, epsilon 0 in %d;", e.getKey(), e.getValue().size(), median(e.getValue()), zero.getOrDefault(e.getKey(), 0)));
            sb.append(String.format(" | PASHA kept at 3 epochs: speedup %.2fx, accuracy %+.2f", ashaH / capH, (capAcc - ashaAcc) / 15));
            sumSpeed += ashaH / capH; sumAcc += (capAcc - ashaAcc) / 15;
            System.out.println(sb);
        }
        System.out.printf("mean: speedup %.2fx, accuracy %+.2f%n", sumSpeed / 5, sumAcc / 5);
    }
}
