package dev.ladder.core.schedule;

import dev.ladder.core.registry.Entries;
import dev.ladder.core.registry.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The scheduler registry: every scheduler declared once, with its parameters (each default next to its
 * parameter, here), what it needs, how it is built and previewed. Adding a scheduler is adding one entry
 * to {@link #ENTRIES}; Java ({@link SchedulerSpec}), YAML and CLI flags ({@code ladder-cli}), {@code ladder
 * preview}, the table in docs/schedulers.md ({@link #markdownTable}, checked by a test) and the benchmark
 * harness read it.
 */
public final class Schedulers {
    public static final Parameter MIN_RESOURCE = Parameter.integer("min_resource", 1L, 1,
            "resource of the lowest rung (r_min)");
    public static final Parameter MAX_RESOURCE = Parameter.integer("max_resource", null, 1,
            "resource a trial gets at most (r_max)");
    /** The reduction factor; 3 for every scheduler but adaptive, whose own default is {@link AdaptiveScheduler#DEFAULT_ETA}. */
    public static final Parameter ETA = Parameter.integer("eta", 3L, 2,
            "reduction factor: rungs at r_min * eta^k, the top 1/eta goes on");
    public static final Parameter MODE = Parameter.choice("mode", List.of("aggressive", "standard", "conservative"),
            "standard", "which brackets run: the most aggressive only, the 3 most aggressive, or all");
    public static final Parameter MAX_RUNGS = Parameter.integer("max_rungs", (long) AdaptiveScheduler.DEFAULT_MAX_RUNGS, 1,
            "at most this many rungs, the lowest at max_resource / eta^(max_rungs-1)");
    public static final Parameter BRACKETS = Parameter.choice("brackets", List.of("loop", "sample"), "loop",
            "how a new trial picks its bracket: in turn, or drawn with Hyperband's weights (seeded)");
    public static final Parameter RUNGS_PER_BRACKET = Parameter.bool("rungs_per_bracket", false,
            "one rung system per bracket instead of one shared by all brackets");
    public static final Parameter MIN_SAMPLES = Parameter.integer("min_samples", 3L, 1,
            "other trials that must have reached a level before the rule stops anything there");
    public static final Parameter EARLY_STOPPING_RATE = Parameter.integer("early_stopping_rate", 0L, 0,
            "s: the bracket's first rung is r_min * eta^s");
    public static final Parameter EPSILON = Parameter.real("epsilon", 0, "estimated",
            "soft-ranking tolerance in metric units; left out, estimated from the noise in the learning curves");
    public static final Parameter ARMS = Parameter.configs("arms",
            "transferred configurations (a task store's best), run first to max_resource; they set each rung's threshold");

    private static final List<Parameter> RUNGS = List.of(MIN_RESOURCE, MAX_RESOURCE, ETA);
    private static final RungScheduler.Type PROMOTION = RungScheduler.Type.PROMOTION;
    private static final RungScheduler.Type STOPPING = RungScheduler.Type.STOPPING;

    public static final SchedulerEntry FIFO = new SchedulerEntry("fifo", "FifoScheduler",
            "every trial runs to max_resource", List.of(MAX_RESOURCE), true, false, false,
            (s, searcher, metric) -> new FifoScheduler(searcher, metric, s.requireMax()),
            (s, n) -> Preview.single(s, n, "every trial runs to the maximum resource"));
    public static final SchedulerEntry SHA = new SchedulerEntry("sha", "SynchronousHyperband.sha",
            "synchronous Successive Halving: brackets of max trials (default eta^(rungs-1-s)) configurations",
            plus(RUNGS, EARLY_STOPPING_RATE), true, false, false,
            (s, searcher, metric) -> SynchronousHyperband.sha(searcher, metric, shaTrials(s), s.minResource(),
                    s.requireMax(), s.eta(), earlyStoppingRate(s)),
            (s, n) -> new Preview(s.name(), n, List.of(SynchronousHyperband.shaBracket(n, s.minResource(), s.requireMax(),
                    s.eta(), earlyStoppingRate(s))), "one bracket of Algorithm 2; another opens while workers are free and trials remain"));
    public static final SchedulerEntry HYPERBAND = new SchedulerEntry("hyperband", "SynchronousHyperband.hyperband",
            "synchronous Hyperband: Algorithm 1's brackets, opened in turn while workers are free", RUNGS, true, false, false,
            (s, searcher, metric) -> SynchronousHyperband.hyperband(searcher, metric, s.minResource(), s.requireMax(), s.eta()),
            (s, n) -> new Preview(s.name(), n, SynchronousHyperband.hyperbandBrackets(s.minResource(), s.requireMax(), s.eta()),
                    "one Hyperband iteration (Algorithm 1); further brackets open while workers are free and trials remain"));
    public static final SchedulerEntry ASHA = new SchedulerEntry("asha", "AshaScheduler (PROMOTION)",
            "ASHA with promotion: a trial pauses at each rung, the best of the top 1/eta resume; no max_resource: no top rung",
            RUNGS, false, false, false,
            (s, searcher, metric) -> new AshaScheduler(searcher, metric, s.minResource(), s.maxResource(), s.eta(), PROMOTION),
            Preview::asha);
    public static final SchedulerEntry ASHA_STOPPING = new SchedulerEntry("asha-stopping", "AshaScheduler (STOPPING)",
            "ASHA's stopping rule: a trial goes on past a rung only while in the top 1/eta there", RUNGS, false, false, false,
            (s, searcher, metric) -> new AshaScheduler(searcher, metric, s.minResource(), s.maxResource(), s.eta(), STOPPING),
            Preview::asha);
    public static final SchedulerEntry ASYNC_HYPERBAND = new SchedulerEntry("async-hyperband", "AsyncHyperbandScheduler (PROMOTION)",
            "ASHA brackets s = 0..s_max, new trials assigned by loop or sample", plus(RUNGS, BRACKETS, RUNGS_PER_BRACKET),
            true, false, false, asyncHyperband(PROMOTION), Preview::asyncHyperband);
    public static final SchedulerEntry ASYNC_HYPERBAND_STOPPING = new SchedulerEntry("async-hyperband-stopping",
            "AsyncHyperbandScheduler (STOPPING)", "the same brackets with the stopping rule",
            plus(RUNGS, BRACKETS, RUNGS_PER_BRACKET), true, false, false, asyncHyperband(STOPPING), Preview::asyncHyperband);
    public static final SchedulerEntry ADAPTIVE = new SchedulerEntry("adaptive", "AdaptiveScheduler",
            "Determined's adaptive defaults: max trials split over brackets inversely to their average resource",
            List.of(MAX_RESOURCE, ETA.withDefault(AdaptiveScheduler.DEFAULT_ETA, null), MODE, MAX_RUNGS), true, true, false,
            (s, searcher, metric) -> new AdaptiveScheduler(searcher, metric, s.trials(), s.requireMax(), mode(s), s.eta(),
                    Math.toIntExact(s.parameters().integer(MAX_RUNGS.name()))),
            Preview::adaptive);
    public static final SchedulerEntry MEDIAN = new SchedulerEntry("median", "MedianStoppingRule",
            "the median stopping rule, checked at r_min * eta^k", plus(RUNGS, MIN_SAMPLES), true, false, false,
            (s, searcher, metric) -> new MedianStoppingRule(searcher, metric, s.minResource(), s.requireMax(), s.eta(),
                    Math.toIntExact(s.parameters().integer(MIN_SAMPLES.name()))),
            (s, n) -> Preview.single(s, n, "the median rule stops trials at r = "
                    + RungLevels.toString(RungLevels.of(s.minResource(), s.requireMax(), s.eta()))
                    + " when they fall behind; how many it stops depends on the curves, so this is the most it can use"));
    public static final SchedulerEntry PASHA = new SchedulerEntry("pasha", "PashaScheduler",
            "ASHA whose maximum resource grows a rung at a time while the top two rungs rank differently",
            plus(RUNGS, EPSILON), true, false, false,
            (s, searcher, metric) -> new PashaScheduler(searcher, metric, s.minResource(), s.requireMax(), s.eta(),
                    s.parameters().real(EPSILON.name())),
            (s, n) -> Preview.halving(s, n, "the most PASHA can use: it starts with the two lowest rungs and adds a rung only while the "
                    + "rankings of its two highest rungs disagree"));
    public static final SchedulerEntry RUSH = new SchedulerEntry("rush", "RushScheduler (PROMOTION), TaskStore",
            "ASHA with promotion where a trial worse than the transferred arms' value at a rung stops",
            plus(RUNGS, ARMS), true, false, false, rush(PROMOTION), Preview::rush);
    public static final SchedulerEntry RUSH_STOPPING = new SchedulerEntry("rush-stopping", "RushScheduler (STOPPING)",
            "the same thresholds over ASHA's stopping rule", plus(RUNGS, ARMS), true, false, false, rush(STOPPING), Preview::rush);

    public static final SchedulerEntry MO_ASHA = new SchedulerEntry("mo-asha", "MoAshaScheduler (PROMOTION)",
            "ASHA with promotion over several objectives: a rung ranks by non-dominated front, then crowding distance",
            RUNGS, true, false, false,
            (s, searcher, metric) -> new MoAshaScheduler(searcher, metric, s.minResource(), s.requireMax(), s.eta(), PROMOTION),
            Preview::asha);
    public static final SchedulerEntry MO_ASHA_STOPPING = new SchedulerEntry("mo-asha-stopping", "MoAshaScheduler (STOPPING)",
            "MO-ASHA's stopping rule: a trial goes on past a rung only while in the top 1/eta by front and crowding",
            RUNGS, true, false, false,
            (s, searcher, metric) -> new MoAshaScheduler(searcher, metric, s.minResource(), s.requireMax(), s.eta(), STOPPING),
            Preview::asha);

    /** Every scheduler, in the order the docs list them. */
    public static final List<SchedulerEntry> ENTRIES = List.of(FIFO, SHA, HYPERBAND, ASHA, ASHA_STOPPING, ASYNC_HYPERBAND,
            ASYNC_HYPERBAND_STOPPING, ADAPTIVE, MEDIAN, PASHA, RUSH, RUSH_STOPPING, MO_ASHA, MO_ASHA_STOPPING);
    public static final List<String> NAMES = ENTRIES.stream().map(SchedulerEntry::name).toList();
    /** The scheduler a spec that names none gets. */
    public static final String DEFAULT = ASHA.name();

    private Schedulers() {
    }

    /** The entry called {@code name}; fails listing the known names. */
    public static SchedulerEntry entry(String name) {
        return Entries.named(ENTRIES, SchedulerEntry::name, "scheduler", name);
    }

    /** Every trial runs to the maximum resource, no early stopping: the baseline. */
    public static SchedulerSpec fifo() { return SchedulerSpec.of(FIFO.name()); }
    /** Synchronous successive halving (thesis Algorithm 2): a rung waits until it is full, then its top 1/eta go on. */
    public static SchedulerSpec sha() { return SchedulerSpec.of(SHA.name()); }
    /** Synchronous Hyperband (thesis Algorithm 1): successive halving over brackets of different minimum resource. */
    public static SchedulerSpec hyperband() { return SchedulerSpec.of(HYPERBAND.name()); }
    /** ASHA, promotion type (thesis Algorithm 3): trials pause at rungs; a paused trial in a rung's top 1/eta is promoted when a worker is free. */
    public static SchedulerSpec asha() { return SchedulerSpec.of(ASHA.name()); }
    /** ASHA, stopping type: a trial runs on past a rung while in its top 1/eta of results so far, else it is stopped. */
    public static SchedulerSpec ashaStopping() { return SchedulerSpec.of(ASHA_STOPPING.name()); }
    /** Asynchronous Hyperband: ASHA brackets of different minimum resource, by loop or by sampling, promotion type. */
    public static SchedulerSpec asyncHyperband() { return SchedulerSpec.of(ASYNC_HYPERBAND.name()); }
    /** Asynchronous Hyperband, stopping type (with the mobster searcher: MOBSTER). */
    public static SchedulerSpec asyncHyperbandStopping() { return SchedulerSpec.of(ASYNC_HYPERBAND_STOPPING.name()); }
    /** Hyperband from just n and R (thesis 3.5.1): the brackets follow the mode, aggressive, standard or conservative. */
    public static SchedulerSpec adaptive() { return SchedulerSpec.of(ADAPTIVE.name()); }
    /** The median stopping rule: a trial stops when its best so far is worse than the median of the others at the same resource. */
    public static SchedulerSpec median() { return SchedulerSpec.of(MEDIAN.name()); }
    /** PASHA: ASHA that grows its maximum resource only while the top two rungs rank the trials differently. */
    public static SchedulerSpec pasha() { return SchedulerSpec.of(PASHA.name()); }
    /** RUSH: ASHA for a sequence of related tasks, the best configurations of earlier tasks (a task store) first, promotion type. */
    public static SchedulerSpec rush() { return SchedulerSpec.of(RUSH.name()); }
    /** RUSH, stopping type. */
    public static SchedulerSpec rushStopping() { return SchedulerSpec.of(RUSH_STOPPING.name()); }
    /** MO-ASHA, promotion type: ASHA ranking a rung by non-dominated sorting of several objectives. */
    public static SchedulerSpec moAsha() { return SchedulerSpec.of(MO_ASHA.name()); }
    /** MO-ASHA, stopping type. */
    public static SchedulerSpec moAshaStopping() { return SchedulerSpec.of(MO_ASHA_STOPPING.name()); }

    /**
     * The docs tables, generated from the entries (docs/schedulers.md holds them verbatim; a test checks):
     * one row per scheduler, then one row per parameter with the schedulers that have it.
     */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| scheduler | Java | parameters | needs | ends on its own | what it does |\n"
                + "|---|---|---|---|---|---|\n");
        Map<String, List<String>> users = new LinkedHashMap<>();
        Map<String, List<Parameter>> declared = new LinkedHashMap<>();
        for (SchedulerEntry e : ENTRIES) {
            List<String> needs = new ArrayList<>();
            if (e.needsMaxResource()) {
                needs.add("`max_resource`");
            }
            if (e.needsTrials()) {
                needs.add("max trials");
            }
            b.append("| `").append(e.name()).append("` | `").append(e.javaApi()).append("` | ")
                    .append(String.join(", ", e.parameters().stream().map(p -> "`" + p.name() + "`").toList())).append(" | ")
                    .append(needs.isEmpty() ? "-" : String.join(", ", needs)).append(" | ").append(e.endsOnItsOwn() ? "yes" : "no")
                    .append(" | ").append(e.summary()).append(" |\n");
            for (Parameter p : e.parameters()) {
                users.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(e.name());
                declared.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            }
        }
        b.append("\n").append(Parameter.TABLE_HEADER);
        declared.forEach((name, ps) -> {
            Parameter first = ps.get(0);
            String dflt = first.defaultText();
            for (int i = 0; i < ps.size(); i++) {
                if (!ps.get(i).defaultText().equals(first.defaultText())) {
                    dflt += " (" + users.get(name).get(i) + ": " + ps.get(i).defaultText() + ")";
                }
            }
            List<String> who = users.get(name);
            b.append(first.markdownRow(dflt, who.size() == ENTRIES.size() ? "all" : String.join(", ", who)));
        });
        return b.toString();
    }

    private static List<Parameter> plus(List<Parameter> base, Parameter... more) {
        List<Parameter> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static int earlyStoppingRate(SchedulerSpec s) {
        return Math.toIntExact(s.parameters().integer(EARLY_STOPPING_RATE.name()));
    }

    private static AdaptiveScheduler.Mode mode(SchedulerSpec s) {
        return AdaptiveScheduler.Mode.valueOf(s.parameters().choice(MODE.name()).toUpperCase(Locale.ROOT));
    }

    static RungScheduler.BracketSelection brackets(SchedulerSpec s) {
        return RungScheduler.BracketSelection.valueOf(s.parameters().choice(BRACKETS.name()).toUpperCase(Locale.ROOT));
    }

    private static SchedulerEntry.Factory asyncHyperband(RungScheduler.Type type) {
        return (s, searcher, metric) -> new AsyncHyperbandScheduler(searcher, metric, s.minResource(), s.requireMax(), s.eta(),
                type, brackets(s), s.parameters().bool(RUNGS_PER_BRACKET.name()), s.seed());
    }

    private static SchedulerEntry.Factory rush(RungScheduler.Type type) {
        return (s, searcher, metric) -> new RushScheduler(searcher, metric, s.minResource(), s.requireMax(), s.eta(), type,
                s.parameters().configs(ARMS.name()));
    }

    /** SHA's n by default: eta^(s_max - s), the fewest configurations that still bring one to r_max. */
    private static long shaTrials(SchedulerSpec spec) {
        if (spec.trials() != null) {
            return spec.trials();
        }
        long[] levels = RungLevels.of(spec.minResource(), spec.requireMax(), spec.eta());
        long n = 1;
        for (int i = 0; i < levels.length - 1 - earlyStoppingRate(spec); i++) {
            n *= spec.eta();
        }
        return n;
    }
}
