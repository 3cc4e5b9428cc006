package dev.ladder.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.SchedulerEntry;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.CheckpointPolicy;
import dev.ladder.core.tune.ExperimentName;
import dev.ladder.core.tune.StopCriteria;
import dev.ladder.core.tune.WarmStart;
import dev.ladder.core.tune.Tuner;
import dev.ladder.process.SlurmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An experiment written in YAML (or JSON): the command to run per trial, the search space, the metric,
 * the resource, the scheduler and searcher (checked against the registry: a parameter the named one does
 * not have is an error naming its key), workers, stop criteria, seed and storage. The full form and
 * Determined's short form ({@code searcher: adaptive}, top-level {@code max_trials}, {@code max_resource},
 * {@code mode}) are both accepted; a built-in spec (the demo's) has no command. Every error names the key and its line; unknown keys are errors (with the nearest
 * known key suggested), so a misspelt key is rejected before anything runs. Each default sits next to its
 * key below. The schema is {@code docs/experiment.schema.json}.
 */
record ExperimentSpec(String name, List<String> command, SearchSpace space, Metric metric, String resourceName,
                      SchedulerSpec scheduler, SearcherSpec searcher, Path taskStore, int workers, StopCriteria stop,
                      int maxFailures, long seed,
                      String storage, CheckpointPolicy checkpoints, Map<String, String> env, Path workdir,
                      Duration timeout, Duration jobTimeout, Duration gracePeriod, int maxRestarts, String executor,
                      Path checkpointDir, double priority, SlurmOptions slurm, List<Config> enqueue, String prior,
                      ObjectNode tree) {
    /** Trials run by this process (processes or threads here). */
    static final String LOCAL = "local";
    /** Trials run by {@code ladder worker} processes that lease them from a PostgreSQL store. */
    static final String REMOTE = "remote";
    /** Each trial job a Slurm batch job ({@code slurm:} then says what it asks for). */
    static final String SLURM = "slurm";
    static final List<String> EXECUTORS = List.of(LOCAL, REMOTE, SLURM);

    static final Set<String> KEYS = Set.of("name", "command", "space", "metric", "objectives", "constraint", "resource", "scheduler", "searcher",
            "workers", "stop", "seed", "storage", "checkpoints", "env", "workdir", "timeout", "job_timeout", "grace_period",
            "max_restarts", "max_trials", "max_resource", "mode", "task_store", "executor", "checkpoint_dir", "priority", "slurm",
            "enqueue", "prior");
    private static final Set<String> METRIC_KEYS = Set.of("name", "mode");
    private static final Set<String> RESOURCE_KEYS = Set.of("name", "min", "max");
    private static final Set<String> STOP_KEYS = Set.of("max_trials", "max_wall_time", "max_total_resource",
            "target_value", "max_failures");
    private static final Set<String> CHECKPOINT_KEYS = Set.of("keep");
    private static final Set<String> SLURM_KEYS = Set.of("partition", "time", "account", "cpus_per_task", "mem", "gres", "extra_args");
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    /** Reads and checks the spec file; relative folders in it are relative to the file's folder. */
    static ExperimentSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read experiment spec " + file, e);
        }
        return parse(text, file.toAbsolutePath().getParent(), file.toString());
    }

    /** Parses {@code text}; {@code folder} anchors relative paths, {@code source} names it in errors. */
    static ExperimentSpec parse(String text, Path folder, String source) {
        return parse(text, folder, source, false);
    }

    /**
     * Parses {@code text}; with {@code builtIn} (the demo's spec, whose trials run in this JVM) there is no
     * command, and none may be given.
     */
    static ExperimentSpec parse(String text, Path folder, String source, boolean builtIn) {
        JsonNode root;
        Map<String, Integer> lines;
        try {
            lines = lines(text, source); // first: it also rejects a key given twice, which readTree would let win
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": an experiment spec is a mapping of keys (name, command, space, ...)");
        }
        return new Reader(source, lines, folder, builtIn).read((ObjectNode) root);
    }

    /**
     * The line of every key and list item, by JSON pointer ("/space/lr" -> 7); a key that appears twice
     * in one mapping is an error naming both lines (Jackson would silently keep the last).
     */
    private static Map<String, Integer> lines(String text, String source) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                int line = p.currentLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    Integer first = out.putIfAbsent(pointer, line);
                    if (first != null) {
                        throw new IllegalArgumentException(message(source, line, pointer,
                                "appears twice (first at line " + first + "); give each key once"));
                    }
                } else if (p.getParsingContext().inArray()) {
                    out.putIfAbsent(pointer, line);
                }
            }
        }
        return out;
    }

    /** An error in the spec's usual form: {@code source:line: key 'a.b': message}. */
    private static String message(String source, Integer line, String pointer, String message) {
        String key = pointer.substring(1).replace('/', '.');
        return source + (line == null ? "" : ":" + line) + ": key '" + key + "': " + message;
    }

    /** Checks one spec tree, naming key and line in every error. */
    private static final class Reader {
        private final String source;
        private final Map<String, Integer> lines;
        private final Path folder;
        private final boolean builtIn;

        Reader(String source, Map<String, Integer> lines, Path folder, boolean builtIn) {
            this.source = source;
            this.lines = lines;
            this.folder = folder;
            this.builtIn = builtIn;
        }

        private IllegalArgumentException error(String pointer, String message) {
            return new IllegalArgumentException(ExperimentSpec.message(source, lines.get(pointer), pointer, message));
        }

        private void onlyKnown(JsonNode node, String pointer, Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!known.contains(k)) {
                    String near = Nearest.of(k, known);
                    throw error(pointer + "/" + k, "unknown key" + (near == null ? "" : "; did you mean '" + near + "'?")
                            + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        private JsonNode mapping(JsonNode parent, String key, String pointer, Set<String> known) {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return MAPPER.createObjectNode();
            }
            if (!n.isObject()) {
                throw error(pointer + "/" + key, "expected a mapping with keys " + known.stream().sorted().toList() + ", got " + n);
            }
            onlyKnown(n, pointer + "/" + key, known);
            return n;
        }

        private String text(JsonNode parent, String key, String pointer, String dflt) {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                if (dflt == null) {
                    throw error(pointer + "/" + key, "is required");
                }
                return dflt;
            }
            if (!n.isValueNode() || n.isBoolean()) {
                throw error(pointer + "/" + key, "expected a text value, got " + n);
            }
            return n.asText();
        }

        /**
         * {@code metric: loss}, {@code metric: {name, mode}}, or {@code objectives: [{name, mode}, ...]} (the first
         * is the one single-objective parts use); {@code constraint: NAME} names the feasibility metric.
         */
        private Metric metrics(JsonNode root) {
            JsonNode list = root.get("objectives");
            Metric metric;
            if (list != null && !list.isNull()) {
                if (root.has("metric")) {
                    throw error("/objectives", "give either metric or objectives (the first objective is the metric), not both");
                }
                if (!list.isArray() || list.isEmpty()) {
                    throw error("/objectives", "expected a list of {name, mode}, got " + list);
                }
                metric = null;
                for (int i = 0; i < list.size(); i++) {
                    Metric o = oneMetric(list.get(i), "/objectives/" + i);
                    if (metric != null && (metric.required().contains(o.name()))) {
                        throw error("/objectives/" + i + "/name", "objective '" + o.name() + "' is named twice");
                    }
                    metric = metric == null ? o : metric.withObjectives(o);
                }
            } else {
                JsonNode m = root.get("metric");
                // short form: metric: loss, min by default
                metric = m != null && m.isTextual() ? Metric.minimize(m.asText()) : oneMetric(mapping(root, "metric", "", METRIC_KEYS), "/metric");
            }
            if (root.has("constraint")) {
                String c = text(root, "constraint", "", null);
                if (metric.required().contains(c)) {
                    throw error("/constraint", "'" + c + "' is an objective; the constraint is a metric of its own (<= 0 is feasible)");
                }
                metric = metric.withConstraint(c);
            }
            return metric;
        }

        private Metric oneMetric(JsonNode mm, String pointer) {
            if (!mm.isObject()) {
                throw error(pointer, "expected a mapping {name, mode}, got " + mm);
            }
            onlyKnown(mm, pointer, METRIC_KEYS);
            String mode = text(mm, "mode", pointer, "min").toLowerCase(Locale.ROOT);
            if (!mode.equals("min") && !mode.equals("max")) {
                throw error(pointer + "/mode", "expected min or max, got '" + mode + "'");
            }
            String metricName = text(mm, "name", pointer, null);
            return mode.equals("min") ? Metric.minimize(metricName) : Metric.maximize(metricName);
        }

        private Long number(JsonNode parent, String key, String pointer, Long dflt, long min) {
            return number(parent, key, pointer, dflt, min, Long.MAX_VALUE);
        }

        /** An integer key that Ladder holds in an int (workers, trial counts). */
        private Integer integer(JsonNode parent, String key, String pointer, Integer dflt, int min) {
            Long n = number(parent, key, pointer, dflt == null ? null : dflt.longValue(), min, Integer.MAX_VALUE);
            return n == null ? null : n.intValue();
        }

        /** The integer at {@code key} within [min, max], never wrapped around: an overflow names its key. */
        private Long number(JsonNode parent, String key, String pointer, Long dflt, long min, long max) {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
                String range = max != Long.MAX_VALUE ? "from " + min + " to " + max
                        : min != Long.MIN_VALUE ? ">= " + min : "that fits in 64 bits";
                throw error(pointer + "/" + key, "expected an integer " + range + ", got " + n);
            }
            return n.asLong();
        }

        private Duration duration(JsonNode parent, String key, String pointer, Duration dflt) {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            Duration d = ExperimentSpec.duration(n.asText());
            if (d == null) {
                throw error(pointer + "/" + key, "expected a duration such as 90, 90s, 15m, 2h or 1d, got " + n);
            }
            return d;
        }

        ExperimentSpec read(ObjectNode root) {
            onlyKnown(root, "", KEYS);
            String name = text(root, "name", "", null);
            try {
                ExperimentName.check(name);
            } catch (IllegalArgumentException e) {
                throw error("/name", e.getMessage());
            }
            JsonNode cmd = root.get("command");
            if (builtIn && cmd != null) {
                throw error("/command", "a built-in experiment runs its trials in Ladder; it takes no command");
            }
            if (builtIn) {
                cmd = MAPPER.createArrayNode();
            } else if (cmd == null || !cmd.isArray() || cmd.isEmpty()) {
                throw error("/command", cmd == null ? "is required: the program and its arguments as a list, e.g. [python, train.py, \"--lr\", \"{lr}\"]"
                        : "must be a list of arguments (it is never run through a shell), got " + cmd);
            }
            List<String> command = new ArrayList<>();
            for (int i = 0; i < cmd.size(); i++) {
                if (!cmd.get(i).isValueNode()) {
                    throw error("/command/" + i, "expected a text argument, got " + cmd.get(i));
                }
                command.add(cmd.get(i).asText());
            }
            JsonNode spaceNode = root.get("space");
            if (spaceNode == null || !spaceNode.isObject() || spaceNode.isEmpty()) {
                throw error("/space", "is required: a mapping of parameter names to domains, e.g. lr: {type: logReal, lower: 1.0e-4, upper: 1.0}");
            }
            SearchSpace space;
            try {
                space = SearchSpace.fromTree(spaceNode);
            } catch (IllegalArgumentException e) {
                Matcher m = Pattern.compile("parameter '([^']+)'").matcher(e.getMessage());
                throw error(m.find() ? "/space/" + m.group(1) : "/space", e.getMessage());
            }
            Matcher placeholder = Pattern.compile("\\{([^{}]+)}").matcher(String.join(" ", command));
            while (placeholder.find()) {
                if (!space.domains().containsKey(placeholder.group(1))) {
                    throw error("/command", "placeholder {" + placeholder.group(1) + "} names no parameter of the space "
                            + space.names());
                }
            }

            Metric metric = metrics(root);

            JsonNode res = mapping(root, "resource", "", RESOURCE_KEYS);
            String resourceName = text(res, "name", "/resource", "resource");
            long min = number(res, "min", "/resource", 1L, 1);
            Long max = number(res, "max", "/resource", null, min);
            Long topMax = number(root, "max_resource", "", null, min); // Determined's short form
            if (max != null && topMax != null && !max.equals(topMax)) {
                throw error("/max_resource", "disagrees with resource.max (" + max + ")");
            }
            max = max != null ? max : topMax;

            Choice choice = schedulerAndSearcher(root, min, max);
            long seed = number(root, "seed", "", 0L, Long.MIN_VALUE);
            int workers = integer(root, "workers", "", Tuner.Builder.DEFAULT_WORKERS, 1);

            JsonNode stopNode = mapping(root, "stop", "", STOP_KEYS);
            Integer maxTrials = integer(stopNode, "max_trials", "/stop", null, 1);
            Integer topTrials = integer(root, "max_trials", "", null, 1);
            if (maxTrials != null && topTrials != null && !maxTrials.equals(topTrials)) {
                throw error("/max_trials", "disagrees with stop.max_trials (" + maxTrials + ")");
            }
            maxTrials = maxTrials != null ? maxTrials : topTrials;
            StopCriteria stop = StopCriteria.NONE;
            if (maxTrials != null) {
                stop = stop.withMaxTrials(maxTrials);
            }
            Duration wall = duration(stopNode, "max_wall_time", "/stop", null);
            if (wall != null) {
                stop = stop.withMaxWallTime(wall);
            }
            Long total = number(stopNode, "max_total_resource", "/stop", null, 1);
            if (total != null) {
                stop = stop.withMaxTotalResource(total);
            }
            JsonNode target = stopNode.get("target_value");
            if (target != null && !target.isNull()) {
                if (!target.isNumber()) {
                    throw error("/stop/target_value", "expected a number, got " + target);
                }
                stop = stop.withTargetValue(target.asDouble());
            }
            SchedulerEntry entry = choice.scheduler().entry();
            if (stop.maxTrials() == null && stop.maxWallTime() == null && stop.maxTotalResource() == null
                    && !entry.endsOnItsOwn() && !choice.searcher().entry().endsOnItsOwn()) {
                throw error("/stop", "needs max_trials, max_wall_time or max_total_resource, or " + entry.name() + " with searcher "
                        + choice.searcher().name() + " never ends");
            }
            if (entry.needsTrials() && maxTrials == null) {
                throw error("/stop", "needs max_trials: scheduler " + entry.name() + " plans its brackets with the number of trials");
            }
            int maxFailures = integer(stopNode, "max_failures", "/stop", 10, 1);
            SchedulerSpec schedulerSpec = choice.scheduler().trials(maxTrials).seed(seed);
            Path taskStore = root.has("task_store") ? folder.resolve(text(root, "task_store", "", null)).normalize() : null;

            String storage = root.has("storage") ? text(root, "storage", "", null) : null;
            JsonNode cp = mapping(root, "checkpoints", "", CHECKPOINT_KEYS);
            CheckpointPolicy checkpoints;
            try {
                checkpoints = CheckpointPolicy.parse(text(cp, "keep", "/checkpoints", "all"));
            } catch (IllegalArgumentException e) {
                throw error("/checkpoints/keep", e.getMessage());
            }
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode envNode = root.get("env");
            if (envNode != null && !envNode.isNull()) {
                if (!envNode.isObject()) {
                    throw error("/env", "expected a mapping of variable names to values, got " + envNode);
                }
                envNode.fields().forEachRemaining(e -> {
                    if (!e.getValue().isValueNode()) {
                        throw error("/env/" + e.getKey(), "expected a text value, got " + e.getValue());
                    }
                    env.put(e.getKey(), e.getValue().asText());
                });
            }
            Path workdir = folder.resolve(text(root, "workdir", "", ".")).normalize();
            Duration timeout = duration(root, "timeout", "", null);
            Duration jobTimeout = duration(root, "job_timeout", "", null);
            Duration grace = duration(root, "grace_period", "", Duration.ofSeconds(10));
            int maxRestarts = integer(root, "max_restarts", "", 0, 0);
            String executor = text(root, "executor", "", LOCAL);
            if (!EXECUTORS.contains(executor)) {
                throw error("/executor", "unknown executor '" + executor + "' (known: " + String.join(", ", EXECUTORS) + ")");
            }
            double priority = 1;
            JsonNode p = root.get("priority");
            if (p != null && !p.isNull()) {
                if (!p.isNumber() || !(p.asDouble() > 0) || Double.isInfinite(p.asDouble())) {
                    throw error("/priority", "expected a positive number (the experiment's weight in the workers' fair share), got " + p);
                }
                priority = p.asDouble();
            }
            Path checkpointDir = root.has("checkpoint_dir") ? folder.resolve(text(root, "checkpoint_dir", "", null)).normalize() : null;
            SlurmOptions slurm = slurm(root, executor);
            List<Config> enqueue = enqueue(root, space);
            String prior = null;
            if (root.has("prior")) {
                prior = text(root, "prior", "", null);
                Path asPath = folder.resolve(prior).normalize();
                if (Files.exists(asPath)) {
                    prior = asPath.toString(); // a file or run folder; else the name of an earlier experiment
                }
            }
            ObjectNode tree = root.deepCopy();
            if (!enqueue.isEmpty()) {
                tree.set("enqueue", DemoCommand.JSON.valueToTree(enqueue.stream().map(Config::asMap).toList())); // a file read once, here
            }
            if (prior != null) {
                tree.put("prior", prior);
            }
            tree.put("workdir", workdir.toString()); // resuming elsewhere runs in the same folder
            if (checkpointDir != null) {
                tree.put("checkpoint_dir", checkpointDir.toString());
            }
            if (taskStore != null) {
                tree.put("task_store", taskStore.toString());
            }
            return new ExperimentSpec(name, List.copyOf(command), space, metric, resourceName, schedulerSpec, choice.searcher(),
                    taskStore, workers, stop,
                    maxFailures, seed, storage, checkpoints, Map.copyOf(env), workdir, timeout, jobTimeout, grace, maxRestarts,
                    executor, checkpointDir, priority, slurm, enqueue, prior, tree);
        }

        /**
         * {@code enqueue:}, configurations to run first: a list of mappings, or a JSON, YAML or CSV file that lists
         * them (relative to the spec's folder); each checked against the space, an error naming the config.
         */
        private List<Config> enqueue(ObjectNode root, SearchSpace space) {
            JsonNode n = root.get("enqueue");
            if (n == null || n.isNull()) {
                return List.of();
            }
            try {
                if (n.isTextual()) {
                    return WarmStart.configsFromFile(folder.resolve(n.asText()).normalize(), space);
                }
                return WarmStart.checked(space, WarmStart.configsOf(n, "enqueue"), "enqueue");
            } catch (IllegalArgumentException e) {
                throw error("/enqueue", e.getMessage());
            }
        }

        /** The {@code slurm:} mapping when {@code executor} is slurm, else null (and then no {@code slurm:} may be given). */
        private SlurmOptions slurm(ObjectNode root, String executor) {
            if (!executor.equals(SLURM)) {
                if (root.has("slurm")) {
                    throw error("/slurm", "applies to executor: slurm only (executor is " + executor + ")");
                }
                return null;
            }
            for (String local : List.of("timeout", "job_timeout", "max_restarts")) {
                if (root.has(local)) {
                    throw error("/" + local, "applies to executor: local only; a Slurm job's limit is slurm.time, and a job "
                            + "Slurm loses runs again by itself");
                }
            }
            JsonNode n = mapping(root, "slurm", "", SLURM_KEYS);
            List<String> extra = new ArrayList<>();
            JsonNode e = n.get("extra_args");
            if (e != null && !e.isNull() && !e.isArray()) {
                throw error("/slurm/extra_args", "expected a list of sbatch options, e.g. [\"--qos=long\"], got " + e);
            }
            for (int i = 0; e != null && i < e.size(); i++) {
                if (!e.get(i).isValueNode() || !e.get(i).asText().startsWith("-")) {
                    throw error("/slurm/extra_args/" + i, "expected an sbatch option starting with -, got " + e.get(i));
                }
                extra.add(e.get(i).asText());
            }
            String time = n.has("time") ? text(n, "time", "/slurm", null) : null;
            if (time != null && !time.matches("\\d+(-\\d+)?(:\\d+){0,2}")) {
                throw error("/slurm/time", "expected a Slurm time limit such as 30 (minutes), 2:00:00 or 1-12:00:00, got '" + time + "'");
            }
            return new SlurmOptions(opt(n, "partition"), time, opt(n, "account"), integer(n, "cpus_per_task", "/slurm", null, 1),
                    opt(n, "mem"), opt(n, "gres"), extra);
        }

        private String opt(JsonNode n, String key) {
            return n.has(key) ? text(n, key, "/slurm", null) : null;
        }

        /** The scheduler and searcher keys, in their full and short forms, over the resource range {@code min..max}. */
        private Choice schedulerAndSearcher(ObjectNode root, long min, Long max) {
            JsonNode searcherNode = root.get("searcher");
            boolean shortForm = searcherNode != null && searcherNode.isTextual() && Schedulers.NAMES.contains(searcherNode.asText())
                    && !Searchers.NAMES.contains(searcherNode.asText());
            if (searcherNode != null && !searcherNode.isTextual() && !searcherNode.isObject()) {
                throw error("/searcher", "expected a searcher's name or a mapping {name: ..., <parameter>: ...}, got " + searcherNode);
            }
            if (shortForm && root.has("scheduler")) {
                throw error("/searcher", "names the scheduler '" + searcherNode.asText() + "' (Determined's short form); "
                        + "give either that or scheduler, not both");
            }
            String schedPointer = shortForm ? "/searcher" : "/scheduler";
            JsonNode sched = shortForm ? MAPPER.createObjectNode().put("name", searcherNode.asText()) : root.get("scheduler");
            ObjectNode schedTree = named(sched, schedPointer, Schedulers.DEFAULT);
            String schedName = schedTree.get("name").asText();
            SchedulerEntry entry;
            try {
                entry = Schedulers.entry(schedName);
            } catch (IllegalArgumentException e) {
                throw error(shortForm || (sched != null && sched.isTextual()) ? schedPointer : schedPointer + "/name", e.getMessage());
            }
            for (String resourceKey : List.of(Schedulers.MIN_RESOURCE.name(), Schedulers.MAX_RESOURCE.name())) {
                if (schedTree.has(resourceKey)) {
                    throw error(schedPointer + "/" + resourceKey, "the resource range is given as resource.min and resource.max");
                }
            }
            SchedulerSpec spec = SchedulerSpec.of(schedName);
            if (lines.containsKey("/resource/min") && !entry.has(Schedulers.MIN_RESOURCE.name())) {
                throw error("/resource/min", "scheduler " + schedName + " has no minimum resource (its lowest rung follows from max and eta)");
            }
            spec = spec.overRange(min, max);
            if (max == null && entry.needsMaxResource()) {
                throw error("/resource", "needs max for scheduler " + schedName);
            }
            if (root.has("mode")) { // Determined's short form: the adaptive mode at the top level
                if (schedTree.has("mode")) {
                    throw error("/mode", "give the mode once, here or as " + schedPointer.substring(1) + ".mode");
                }
                schedTree.set("mode", root.get("mode"));
            }
            spec = withParameters(spec, schedTree, schedPointer, (s, k, v) -> s.with(k, v));
            ObjectNode searchTree = named(shortForm ? null : searcherNode, "/searcher", Searchers.DEFAULT);
            SearcherSpec searcher;
            try {
                searcher = SearcherSpec.of(searchTree.get("name").asText());
            } catch (IllegalArgumentException e) {
                String hint = searcherNode != null && searcherNode.isObject()
                        ? "; the short form searcher: NAME names a scheduler (Determined's), otherwise a searcher" : "";
                throw error(searcherNode != null && searcherNode.isObject() ? "/searcher/name" : "/searcher", e.getMessage() + hint);
            }
            searcher = withParameters(searcher, searchTree, "/searcher", (s, k, v) -> s.with(k, v));
            return new Choice(spec, searcher);
        }

        /** {@code node} as a mapping with a name: a text is the name alone; absent, {@code dflt}. */
        private ObjectNode named(JsonNode node, String pointer, String dflt) {
            if (node == null || node.isNull()) {
                return MAPPER.createObjectNode().put("name", dflt);
            }
            if (node.isTextual()) {
                return MAPPER.createObjectNode().put("name", node.asText());
            }
            if (!node.isObject()) {
                throw error(pointer, "expected a name or a mapping {name: ..., <parameter>: ...}, got " + node);
            }
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            if (!copy.has("name")) {
                copy.put("name", dflt);
            } else if (!copy.get("name").isTextual()) {
                throw error(pointer + "/name", "expected a text value, got " + copy.get("name"));
            }
            return copy;
        }

        /** Sets every key of {@code tree} but its name on {@code spec}; an error names the key that does not apply or is bad. */
        private <T> T withParameters(T spec, ObjectNode tree, String pointer, Setter<T> set) {
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("name")) {
                    continue;
                }
                String at = e.getKey().equals("mode") && !lines.containsKey(pointer + "/mode") ? "/mode" : pointer + "/" + e.getKey();
                try {
                    spec = set.apply(spec, e.getKey(), e.getValue().isNull() ? null : e.getValue());
                } catch (IllegalArgumentException ex) {
                    String msg = ex.getMessage();
                    String marker = "parameter '" + e.getKey() + "': ";
                    int i = msg.indexOf(marker);
                    throw error(at, i < 0 ? msg : msg.substring(i + marker.length()));
                }
            }
            return spec;
        }
    }

    /** The chosen scheduler (without the experiment's trials and seed) and searcher. */
    private record Choice(SchedulerSpec scheduler, SearcherSpec searcher) {
    }

    @FunctionalInterface
    private interface Setter<T> {
        T apply(T spec, String parameter, Object value);
    }

    /**
     * {@code s} as the {@code scheduler:} mapping of a spec: its name and every parameter but the resource
     * range, which a spec gives as {@code resource.min/max}.
     */
    static ObjectNode schedulerTree(SchedulerSpec s) {
        ObjectNode n = s.toTree();
        n.remove(List.of(Schedulers.MIN_RESOURCE.name(), Schedulers.MAX_RESOURCE.name()));
        return n;
    }

    /** 90 (seconds), 90s, 15m, 2h, 1d; null when {@code text} is none of these. */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h|d)?").matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        double seconds = v * switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
