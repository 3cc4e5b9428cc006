package dev.ladder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.schedule.SchedulerEntry;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.examples.XGBoostDemo;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The one shape in which the CLI stores an experiment: {@code {"format": 2, "kind": K, "spec": TREE}}, where
 * TREE is an experiment spec as {@code ladder run} reads it (YAML's keys) and K says who runs the trials:
 * {@code process} (the spec's command) or {@code demo} (the built-in XGBoost objective, whose spec has no
 * command). {@link #read} also upgrades the two shapes stored before (the demo's flags, and {@code run}'s
 * tree without a format), so old experiments resume and show as before.
 */
record StoredSpec(String kind, ObjectNode tree) {
    static final int FORMAT = 2;
    static final String PROCESS = "process";
    static final String DEMO = "demo";

    /** The JSON a store keeps. */
    String json() {
        ObjectNode n = DemoCommand.JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("kind", kind);
        n.set("spec", tree);
        return n.toString();
    }

    /** The spec, checked as {@code ladder run} checks a file; relative paths in it were made absolute when it was stored. */
    ExperimentSpec spec(String experiment) {
        return ExperimentSpec.parse(tree.toString(), Path.of("."), "experiment " + experiment, kind.equals(DEMO));
    }

    /** The stored JSON of {@code experiment}, in the current shape whatever shape it was stored in. */
    static StoredSpec read(String json, String experiment) {
        JsonNode n;
        try {
            n = DemoCommand.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("experiment " + experiment + ": its stored spec is not JSON", e);
        }
        String kind = n.path("kind").asText();
        if (!kind.equals(PROCESS) && !kind.equals(DEMO)) {
            throw new IllegalArgumentException("experiment " + experiment + " is of kind '" + kind
                    + "'; resume it with the program that made it (its Java API: Tuner.builder()...resume())");
        }
        if (n.path("format").asInt(1) >= FORMAT) {
            return new StoredSpec(kind, (ObjectNode) n.get("spec"));
        }
        ObjectNode tree = kind.equals(PROCESS) ? ((ObjectNode) n.get("spec")).deepCopy() : fromDemoFlags(n, experiment);
        dropIgnored(tree);
        return new StoredSpec(kind, tree);
    }

    /** The tree of a demo stored before format 2, which kept its flags: scheduler, seed, workers, max_trials, arms. */
    private static ObjectNode fromDemoFlags(JsonNode old, String experiment) {
        for (String key : List.of("metric", "scheduler", "seed", "workers", "max_trials")) {
            if (!old.hasNonNull(key)) {
                throw new IllegalArgumentException("experiment " + experiment + ": its stored demo spec has no '" + key + "'");
            }
        }
        ObjectNode t = DemoCommand.JSON.createObjectNode();
        t.put("name", experiment);
        t.set("metric", old.get("metric"));
        JsonNode s = old.get("scheduler");
        ObjectNode resource = t.putObject("resource").put("name", DemoCommand.RESOURCE);
        resource.put("min", s.get("min_resource").asLong());
        if (!s.path("max_resource").isNull()) {
            resource.put("max", s.get("max_resource").asLong());
        }
        ObjectNode sched = t.putObject("scheduler").put("name", s.get("name").asText());
        for (String key : List.of("eta", "mode", "brackets", "rungs_per_bracket")) {
            if (s.has(key)) {
                sched.set(key, s.get(key));
            }
        }
        if (old.path("arms").size() > 0) {
            sched.set("arms", old.get("arms"));
        }
        t.set("space", old.path("space").isNull() || old.path("space").isMissingNode() ? XGBoostDemo.space().toTree() : old.get("space"));
        t.put("seed", old.get("seed").asLong());
        t.put("workers", old.get("workers").asInt());
        t.putObject("stop").put("max_trials", old.get("max_trials").asInt());
        t.putObject("checkpoints").put("keep", old.path("checkpoints").asText("all"));
        if (old.path("task_store").isTextual()) {
            t.put("task_store", old.get("task_store").asText());
        }
        return t;
    }

    /**
     * Before the registry every scheduler key was accepted and the ones a scheduler has no use for were
     * ignored (adaptive ignored eta too): drop them, so the experiment is rebuilt as it ran.
     */
    private static void dropIgnored(ObjectNode tree) {
        JsonNode shortForm = tree.get("searcher");
        String name = shortForm != null && shortForm.isTextual() && Schedulers.NAMES.contains(shortForm.asText())
                ? shortForm.asText() : tree.path("scheduler").path("name").asText(Schedulers.DEFAULT);
        if (!Schedulers.NAMES.contains(name)) {
            return; // the reader names the unknown scheduler
        }
        SchedulerEntry entry = Schedulers.entry(name);
        if (tree.get("scheduler") instanceof ObjectNode sched) {
            for (Iterator<String> it = sched.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("name") && (!entry.has(key) || entry == Schedulers.ADAPTIVE && key.equals(Schedulers.ETA.name()))) {
                    it.remove();
                }
            }
        }
        if (!entry.has(Schedulers.MODE.name())) {
            tree.remove("mode");
        }
        if (!entry.has(Schedulers.MIN_RESOURCE.name()) && tree.get("resource") instanceof ObjectNode resource) {
            resource.remove("min"); // fifo and adaptive never read it
        }
    }
}
