package dev.ladder.benchmarks.harness;

import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import dev.ladder.sim.Blackbox;
import dev.ladder.sim.PrefetchingSearcher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method of the harness, by registry names: {@code random} (random search to the maximum resource), a
 * scheduler ({@code asha}), or a scheduler over a searcher ({@code hyperband+kde} is BOHB, {@code asha+kde}
 * asynchronous BOHB, {@code fifo+NAME} a single-fidelity searcher), each name optionally followed by
 * {@code :key=value} parameters ({@code asha+kde:top_fraction=0.2}). Unknown names and parameters fail
 * here, naming them, before anything runs.
 */
public record Method(String text, SchedulerSpec scheduler, SearcherSpec searcher) {
    /** The method that is random search run to the maximum resource. */
    public static final String RANDOM = "random";

    public static Method parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split("\\+", -1);
        if (t.isEmpty() || parts.length > 2) {
            throw new IllegalArgumentException("method '" + text + "' is neither a scheduler name nor scheduler+searcher "
                    + "(random, asha, hyperband+kde, asha+kde:top_fraction=0.2)");
        }
        String[] sched = parts[0].split(":", -1);
        if (sched[0].equals(RANDOM)) {
            if (parts.length > 1 || sched.length > 1) {
                throw new IllegalArgumentException("method '" + text + "': random is random search to the maximum resource and "
                        + "takes no searcher or parameters; a scheduler over a searcher is fifo+NAME");
            }
            return new Method(t, Schedulers.fifo(), Searchers.random());
        }
        SchedulerSpec s = SchedulerSpec.of(sched[0], parameters(text, sched));
        SearcherSpec search = Searchers.random();
        if (parts.length == 2) {
            String[] searcher = parts[1].split(":", -1);
            search = SearcherSpec.of(searcher[0], parameters(text, searcher));
        }
        return new Method(t, s, search);
    }

    private static Map<String, String> parameters(String text, String[] parts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("method '" + text + "': '" + parts[i] + "' is not key=value");
            }
            values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return values;
    }

    /** The scheduler's registry name ({@code fifo} for random search). */
    public String schedulerName() {
        return scheduler.name();
    }

    /**
     * The scheduler for one run on {@code box}: the method's resource range is the benchmark's, its seed the run's;
     * {@code trials} the run's trial limit (null: none). Random proposals do not depend on results, so a random
     * searcher draws ahead in blocks of 64 and the blackbox evaluates each block at once; a model-based one cannot.
     */
    public Scheduler build(Blackbox box, long seed, Integer trials) {
        Searcher proposer = searcher.name().equals(Searchers.RANDOM.name())
                ? new PrefetchingSearcher(new RandomSearcher(box.space(), seed), box, 64)
                : searcher.build(box.space(), box.metric(), seed);
        if (text.equals(RANDOM)) {
            return new FifoScheduler(proposer, box.metric(), box.maxResource());
        }
        SchedulerSpec s = scheduler.overRange(box.minResource(), box.maxResource()).seed(seed);
        Integer n = trials != null ? trials : s.entry().needsTrials() ? Integer.valueOf(Harness.ADAPTIVE_DEFAULT_TRIALS) : null;
        return s.trials(n).build(proposer, box.metric());
    }
}
