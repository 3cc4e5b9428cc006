package dev.ladder.core.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transferred arms A* of RUSH (Zappella, Salinas, Archambeau, "A resource-efficient method for
 * repeated HPO and NAS problems", AutoML workshop at ICML 2021, arXiv:2103.16111, "Our Solution: RUSH"): the best configurations of the tasks
 * tuned so far, shared by the next task of the sequence through {@link RushScheduler}. A finished
 * task's best {@code topK} configurations (default 1, the paper's single best arm) are recorded under
 * its name and each joins A* if it is not already there. Kept in memory; {@link #save} and
 * {@link #load} keep it in a JSON file between runs. Not thread-safe.
 *
 * <p>Invariants: {@link #arms()} holds no two equal configurations and keeps insertion order; it only
 * grows (a task finished again replaces its recorded best, but arms it added stay).
 *
 * <p>File format: {@code {"version": 1, "top_k": 1, "arms": [{...}, ...], "tasks": [{"name": "...",
 * "best": [{...}]}, ...]}}, each configuration a flat object of numbers, strings and booleans.
 */
public final class TaskStore {
    /** The file format written by {@link #save}. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private int topK;
    private final LinkedHashSet<Config> arms = new LinkedHashSet<>();
    private final Map<String, List<Config>> tasks = new LinkedHashMap<>();

    /** An empty store keeping each task's single best configuration. */
    public TaskStore() {
        this(1);
    }

    /** An empty store keeping each task's {@code topK} best configurations. */
    public TaskStore(int topK) {
        setTopK(topK);
    }

    /** How many of each task's best configurations are kept (and transferred to the next task). */
    public int topK() {
        return topK;
    }

    /** How many of a finished task's best configurations are kept from now on (at least 1). */
    public void setTopK(int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("task store top k must be at least 1, got " + topK);
        }
        this.topK = topK;
    }

    /** A*: the transferred arms, in insertion order, without duplicates. */
    public List<Config> arms() {
        return List.copyOf(arms);
    }

    /** Adds {@code best} to A* unless it is there already; true when it was added. */
    public boolean add(Config best) {
        return arms.add(Objects.requireNonNull(best, "config"));
    }

    /**
     * Records the end of {@code task}: its first {@link #topK()} configurations of {@code best} (best
     * first, as {@link RushScheduler#bestConfigs} gives them) and adds each to A* if it is not already there.
     */
    public void finishTask(String task, List<Config> best) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank");
        }
        Objects.requireNonNull(best, "best configurations");
        List<Config> distinct = List.copyOf(new LinkedHashSet<>(best));
        List<Config> kept = List.copyOf(distinct.subList(0, Math.min(topK, distinct.size())));
        tasks.put(task, kept);
        kept.forEach(this::add);
    }

    /** The names of the finished tasks, in the order they first finished. */
    public List<String> tasks() {
        return List.copyOf(tasks.keySet());
    }

    /** The best configurations recorded for {@code task}; fails naming the known tasks when there is none. */
    public List<Config> bestOf(String task) {
        List<Config> best = tasks.get(task);
        if (best == null) {
            throw new IllegalArgumentException("no task '" + task + "' in the task store (known: " + tasks.keySet() + ")");
        }
        return best;
    }

    // ---- JSON ----

    /** Writes the store to {@code file} (atomically where the file system allows), creating its folder. */
    public void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("top_k", topK);
        ArrayNode a = root.putArray("arms");
        arms.forEach(c -> a.add(toTree(c)));
        ArrayNode t = root.putArray("tasks");
        tasks.forEach((name, best) -> {
            ObjectNode task = t.addObject();
            task.put("name", name);
            ArrayNode b = task.putArray("best");
            best.forEach(c -> b.add(toTree(c)));
        });
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write task store " + file, e);
        }
    }

    /** Reads a store written by {@link #save}; fails naming the file and the culprit when it is missing or malformed. */
    public static TaskStore load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("task store " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task store " + file, e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("task store " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return fromTree(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The store in {@code file}, or an empty one keeping {@code topK} per task when the file does not exist yet. */
    public static TaskStore loadOrEmpty(Path file, int topK) {
        return Files.exists(file) ? load(file) : new TaskStore(topK);
    }

    private static TaskStore fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected an object with 'arms' and 'tasks'");
        }
        JsonNode version = root.get("version");
        if (version != null && (!version.canConvertToInt() || version.asInt() != VERSION)) {
            throw new IllegalArgumentException("unsupported version " + version + " (this Ladder reads version " + VERSION + ")");
        }
        JsonNode k = root.get("top_k");
        if (k != null && !k.isIntegralNumber()) {
            throw new IllegalArgumentException("'top_k' must be an integer, got " + k);
        }
        TaskStore store = new TaskStore(k == null ? 1 : k.asInt());
        List<Config> arms = configs(root.get("arms"), "arms");
        arms.forEach(store::add);
        JsonNode tasks = root.get("tasks");
        if (tasks != null) {
            if (!tasks.isArray()) {
                throw new IllegalArgumentException("'tasks' must be a list, got " + tasks.getNodeType());
            }
            for (int i = 0; i < tasks.size(); i++) {
                JsonNode task = tasks.get(i);
                JsonNode name = task.get("name");
                if (!task.isObject() || name == null || !name.isTextual() || name.asText().isBlank()) {
                    throw new IllegalArgumentException("tasks[" + i + "] must be an object with a non-blank 'name'");
                }
                if (store.tasks.containsKey(name.asText())) {
                    throw new IllegalArgumentException("task '" + name.asText() + "' appears twice");
                }
                store.tasks.put(name.asText(), configs(task.get("best"), "tasks[" + i + "].best"));
            }
        }
        return store;
    }

    private static List<Config> configs(JsonNode list, String where) {
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("'" + where + "' must be a list of configurations");
        }
        List<Config> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(config(list.get(i), where + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static Config config(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object of parameter values, got " + node.getNodeType());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
            } else if (v.isFloatingPointNumber()) {
                value = v.doubleValue();
            } else if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else {
                throw new IllegalArgumentException(where + ": parameter '" + e.getKey() + "' has unsupported value " + v
                        + " (use numbers, strings or booleans)");
            }
            values.put(e.getKey(), value);
        }
        return Config.of(values);
    }

    private static ObjectNode toTree(Config c) {
        ObjectNode o = JSON.createObjectNode();
        c.asMap().forEach((name, v) -> {
            if (v instanceof Long l) {
                o.put(name, l);
            } else if (v instanceof Double d) {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("parameter '" + name + "' of " + c + " is " + d
                            + ", which JSON cannot hold");
                }
                o.put(name, d);
            } else if (v instanceof Boolean b) {
                o.put(name, b);
            } else {
                o.put(name, String.valueOf(v));
            }
        });
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskStore s && s.topK == topK && List.copyOf(s.arms).equals(List.copyOf(arms))
                && s.tasks.equals(tasks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topK, List.copyOf(arms), tasks);
    }

    @Override
    public String toString() {
        return "TaskStore(top_k=" + topK + ", arms=" + arms.size() + ", tasks=" + tasks.keySet() + ")";
    }
}
