package dev.ladder.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.registry.ParameterValues;
import dev.ladder.core.search.Searcher;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registered scheduler with the values of its parameters, the one shape Java, YAML, the CLI and the
 * store use: {@code Schedulers.asha().maxResource(27).eta(3).build(searcher, metric)}. Every parameter of
 * the entry holds a value (its default when not given; each default is declared once, in
 * {@link Schedulers}); setting one the scheduler does not have is an error naming it. {@code trials} and
 * {@code seed} are the experiment's (its trial limit, null for none, and its seed), which the schedulers
 * that plan with them read (sha, adaptive; async-hyperband's bracket sampling).
 */
public record SchedulerSpec(String name, ParameterValues parameters, Integer trials, long seed) {

    /** Rejects a null name or parameters and a trial limit below 1 (null is no limit). */
    public SchedulerSpec {
        Objects.requireNonNull(name, "scheduler name");
        Objects.requireNonNull(parameters, "parameters");
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("the number of trials must be at least 1 (null: no limit), got " + trials);
        }
    }

    /** The scheduler called {@code name} with every parameter at its default; fails listing the known names. */
    public static SchedulerSpec of(String name) {
        return of(name, Map.of());
    }

    /** The scheduler called {@code name} with {@code values} (by parameter name) set, the rest at their defaults. */
    public static SchedulerSpec of(String name, Map<String, ?> values) {
        SchedulerEntry entry = Schedulers.entry(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) values;
        return new SchedulerSpec(name, new ParameterValues(owner(name), entry.parameters(), raw), null, 0);
    }

    static String owner(String name) {
        return "scheduler '" + name + "'";
    }

    /** The registry's entry of this scheduler. */
    public SchedulerEntry entry() {
        return Schedulers.entry(name);
    }

    /** This spec with parameter {@code parameter} set (null: its default); an error naming it if the scheduler has no such parameter. */
    public SchedulerSpec with(String parameter, Object value) {
        return new SchedulerSpec(name, parameters.with(parameter, value), trials, seed);
    }

    /** The resource of the lowest rung, r_min (default 1); an error for a scheduler without one (fifo, adaptive). */
    public SchedulerSpec minResource(long r) { return with(Schedulers.MIN_RESOURCE.name(), r); }

    /** The maximum resource; null is none (ASHA's infinite horizon). */
    public SchedulerSpec maxResource(Long r) { return with(Schedulers.MAX_RESOURCE.name(), r); }

    /** The reduction factor, at least 2 (default 3; adaptive's own default otherwise): rungs at r_min * eta^k, the top 1/eta goes on. */
    public SchedulerSpec eta(long eta) { return with(Schedulers.ETA.name(), eta); }

    /**
     * The resource range of a workload (a benchmark, the demo): {@code max} as the maximum resource, and
     * {@code min} as the minimum where the scheduler has one (fifo and adaptive derive their lowest rung).
     */
    public SchedulerSpec overRange(long min, Long max) {
        SchedulerSpec s = maxResource(max);
        return entry().has(Schedulers.MIN_RESOURCE.name()) ? s.minResource(min) : s;
    }

    /** adaptive: which brackets run. */
    public SchedulerSpec mode(AdaptiveScheduler.Mode mode) { return with(Schedulers.MODE.name(), mode); }

    /** adaptive: at most this many rungs. */
    public SchedulerSpec maxRungs(int n) { return with(Schedulers.MAX_RUNGS.name(), (long) n); }

    /** async-hyperband: how a new trial's bracket is chosen (LOOP or SAMPLE). */
    public SchedulerSpec brackets(RungScheduler.BracketSelection selection) { return with(Schedulers.BRACKETS.name(), selection); }

    /** async-hyperband: one rung system per bracket instead of one shared. */
    public SchedulerSpec rungsPerBracket(boolean perBracket) { return with(Schedulers.RUNGS_PER_BRACKET.name(), perBracket); }

    /** median: how many other trials must have reached a level before the rule stops anything there. */
    public SchedulerSpec minSamples(int n) { return with(Schedulers.MIN_SAMPLES.name(), (long) n); }

    /** sha: the early-stopping rate s (the bracket starts at r_min * eta^s). */
    public SchedulerSpec earlyStoppingRate(int s) { return with(Schedulers.EARLY_STOPPING_RATE.name(), (long) s); }

    /** pasha: the soft-ranking tolerance in metric units; null estimates it from the learning curves. */
    public SchedulerSpec epsilon(Double epsilon) { return with(Schedulers.EPSILON.name(), epsilon); }

    /** rush: the transferred configurations (a task store's arms), started first. */
    public SchedulerSpec arms(List<Config> arms) { return with(Schedulers.ARMS.name(), arms); }

    /** The experiment's trial limit (null: none); sha sizes its bracket with it, adaptive needs it. */
    public SchedulerSpec trials(Integer n) {
        return new SchedulerSpec(name, parameters, n, seed);
    }

    /** The experiment's seed (async-hyperband draws brackets from it with {@code brackets: sample}). */
    public SchedulerSpec seed(long s) {
        return new SchedulerSpec(name, parameters, trials, s);
    }

    /** Builds the scheduler; fails naming what is missing (a max resource, the trial count). */
    public Scheduler build(Searcher searcher, Metric metric) {
        SchedulerEntry entry = entry();
        check();
        return entry.factory().create(this, Objects.requireNonNull(searcher, "searcher"), Objects.requireNonNull(metric, "metric"));
    }

    /** What this scheduler will do with {@code trials} trials, without running anything. */
    public Preview preview(int trials) {
        check();
        return entry().preview().preview(this, trials);
    }

    /** Fails naming what the entry needs and this spec lacks. */
    public SchedulerSpec check() {
        SchedulerEntry entry = entry();
        if (entry.needsMaxResource()) {
            requireMax();
        }
        if (entry.needsTrials() && trials == null) {
            throw new IllegalArgumentException(owner(name) + " needs the number of trials (max trials)");
        }
        return this;
    }

    /** The minimum resource; 1 for a scheduler that has no such parameter (fifo, adaptive derive theirs). */
    public long minResource() {
        return parameters.has(Schedulers.MIN_RESOURCE.name()) ? parameters.integer(Schedulers.MIN_RESOURCE.name()) : 1;
    }

    /** The maximum resource, null when none is set. */
    public Long maxResource() {
        return parameters.optionalInteger(Schedulers.MAX_RESOURCE.name());
    }

    /** The reduction factor; fails for a scheduler that has none (fifo). */
    public long eta() {
        return parameters.integer(Schedulers.ETA.name());
    }

    /** The maximum resource; fails naming the scheduler when it has none. */
    public long requireMax() {
        Long max = maxResource();
        if (max == null) {
            throw new IllegalArgumentException(owner(name) + " needs a max resource");
        }
        return max;
    }

    /** The stored shape: {@code {"name": ..., <every parameter>: value}}. */
    public ObjectNode toTree() {
        ObjectNode n = parameters.toTree();
        ObjectNode out = n.objectNode().put("name", name);
        out.setAll(n);
        return out;
    }

    /** Reads {@link #toTree}'s shape back (any subset of the parameters), with the experiment's trials and seed. */
    public static SchedulerSpec fromTree(JsonNode tree, Integer trials, long seed) {
        if (tree == null || !tree.path("name").isTextual()) {
            throw new IllegalArgumentException("a stored scheduler needs its name, got " + tree);
        }
        return of(tree.get("name").asText(), ParameterValues.rawOf(tree, List.of("name"))).trials(trials).seed(seed);
    }
}
