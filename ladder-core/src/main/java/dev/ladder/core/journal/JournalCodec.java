package dev.ladder.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.JournalEvent.BestCheckpoint;
import dev.ladder.core.journal.JournalEvent.CheckpointRef;
import dev.ladder.core.journal.JournalEvent.End;
import dev.ladder.core.journal.JournalEvent.Experiment;
import dev.ladder.core.journal.JournalEvent.Finish;
import dev.ladder.core.journal.JournalEvent.Gc;
import dev.ladder.core.journal.JournalEvent.Idle;
import dev.ladder.core.journal.JournalEvent.Ignored;
import dev.ladder.core.journal.JournalEvent.Invalid;
import dev.ladder.core.journal.JournalEvent.Limits;
import dev.ladder.core.journal.JournalEvent.Paused;
import dev.ladder.core.journal.JournalEvent.Restart;
import dev.ladder.core.journal.JournalEvent.Enqueue;
import dev.ladder.core.journal.JournalEvent.Exclude;
import dev.ladder.core.journal.JournalEvent.Prior;
import dev.ladder.core.PriorTrial;
import dev.ladder.core.journal.JournalEvent.Result;
import dev.ladder.core.journal.JournalEvent.Resume;
import dev.ladder.core.journal.JournalEvent.Resumed;
import dev.ladder.core.journal.JournalEvent.Start;
import dev.ladder.core.journal.JournalEvent.Summary;
import dev.ladder.core.journal.JournalEvent.Suspend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's JSON: the only code that knows its keys. Writing streams each event straight into
 * bytes ({@link JsonBytes}: keys encoded once, no intermediate tree, no generator); reading accepts every journal Ladder has written (fields added later
 * have defaults: a missing {@code by} is the scheduler, a missing {@code what} the latest checkpoint).
 * A line that is not an event of a known type, or lacks a field its type needs, is an error naming
 * its seq, its type and the field.
 */
public final class JournalCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalCodec() {
    }

    /** The name of {@code e}'s type as the journal writes it ({@code type} field). */
    public static String type(JournalEvent e) {
        if (e instanceof Result) {
            return "result";
        } else if (e instanceof Start) {
            return "start";
        } else if (e instanceof End) {
            return "end";
        } else if (e instanceof Resume) {
            return "resume";
        } else if (e instanceof Idle) {
            return "idle";
        } else if (e instanceof Ignored) {
            return "ignored";
        } else if (e instanceof Invalid) {
            return "invalid";
        } else if (e instanceof Suspend) {
            return "suspend";
        } else if (e instanceof Restart) {
            return "restart";
        } else if (e instanceof Gc) {
            return "gc";
        } else if (e instanceof BestCheckpoint) {
            return "best_checkpoint";
        } else if (e instanceof Experiment) {
            return "experiment";
        } else if (e instanceof Resumed) {
            return "resumed";
        } else if (e instanceof Finish) {
            return "finish";
        } else if (e instanceof Paused) {
            return "paused";
        } else if (e instanceof Enqueue) {
            return "enqueue";
        } else if (e instanceof Prior) {
            return "prior";
        } else if (e instanceof Exclude) {
            return "exclude";
        }
        throw new IllegalArgumentException("unknown event " + e);
    }

    /**
     * Encodes entries one by one into JSON lines as they come, into one buffer kept and reused, so that
     * each event is encoded once, with nothing built in between.
     */
    public static final class LineWriter {
        private final JsonBytes bytes = new JsonBytes(4096);

        /** Appends {@code entry} as a line. */
        public void add(JournalEntry entry) {
            write(entry, bytes);
            bytes.writeNewline();
        }

        /** The lines added since the last call. */
        public byte[] take() {
            byte[] taken = bytes.toByteArray();
            bytes.reset();
            return taken;
        }

        /** Moves the lines added so far to the end of {@code other}'s. */
        public void moveTo(LineWriter other) {
            other.bytes.append(bytes);
            bytes.reset();
        }

        /** {@code entries} with the lines added so far, in this writer's own array (valid until it is cleared). */
        public JournalBatch batch(List<JournalEntry> entries) {
            return new JournalBatch(entries, bytes.array(), bytes.size());
        }

        /** Forgets the lines added so far, keeping the array. */
        public void clear() {
            bytes.reset();
        }
    }

    /** {@code entry} as one line of JSON, without a newline. */
    public static String encode(JournalEntry entry) {
        JsonBytes bytes = new JsonBytes(256);
        write(entry, bytes);
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A map of values (a configuration, metrics) as a JSON object, as the journal writes it. */
    public static String json(Map<String, ?> values) {
        JsonBytes bytes = new JsonBytes(128);
        writeValues(bytes, values);
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A configuration written by {@link #json}. */
    public static Config config(String json) {
        return configOf(tree(json));
    }

    /** Metrics written by {@link #json}. */
    public static Map<String, Double> metrics(String json) {
        return metricsOf(tree(json));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }

    private static Config configOf(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            values.put(f.getKey(), v.isIntegralNumber() ? (Object) v.longValue() : v.isNumber() ? (Object) v.doubleValue()
                    : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        return Config.of(values);
    }

    private static Map<String, Double> metricsOf(JsonNode object) {
        Map<String, Double> metrics = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put(e.getKey(), e.getValue().asDouble());
        }
        return metrics;
    }

    /** The journal's keys, encoded once. */
    private static final byte[] K_BEST_TRIAL = JsonBytes.key("best_trial");
    private static final byte[] K_BEST_VALUE = JsonBytes.key("best_value");
    private static final byte[] K_BY = JsonBytes.key("by");
    private static final byte[] K_CHECKPOINT = JsonBytes.key("checkpoint");
    private static final byte[] K_CHECKPOINT_RESOURCE = JsonBytes.key("checkpoint_resource");
    private static final byte[] K_CONFIG = JsonBytes.key("config");
    private static final byte[] K_CONFIGS = JsonBytes.key("configs");
    private static final byte[] K_RESULTS = JsonBytes.key("results");
    private static final byte[] K_SHA256 = JsonBytes.key("sha256");
    private static final byte[] K_SOURCE = JsonBytes.key("source");
    private static final byte[] K_DECISION = JsonBytes.key("decision");
    private static final byte[] K_EVENTS = JsonBytes.key("events");
    private static final byte[] K_FROM = JsonBytes.key("from");
    private static final byte[] K_MAX_FAILURES = JsonBytes.key("max_failures");
    private static final byte[] K_MAX_TOTAL_RESOURCE = JsonBytes.key("max_total_resource");
    private static final byte[] K_MAX_TRIALS = JsonBytes.key("max_trials");
    private static final byte[] K_MAX_WALL_TIME_S = JsonBytes.key("max_wall_time_s");
    private static final byte[] K_MAY_START = JsonBytes.key("may_start");
    private static final byte[] K_METRIC = JsonBytes.key("metric");
    private static final byte[] K_METRICS = JsonBytes.key("metrics");
    private static final byte[] K_MODE = JsonBytes.key("mode");
    private static final byte[] K_OBJECTIVES = JsonBytes.key("objectives");
    private static final byte[] K_CONSTRAINT = JsonBytes.key("constraint");
    private static final byte[] K_NAME = JsonBytes.key("name");
    private static final byte[] K_NEXT = JsonBytes.key("next");
    private static final byte[] K_OPEN_JOBS = JsonBytes.key("open_jobs");
    private static final byte[] K_PATH = JsonBytes.key("path");
    private static final byte[] K_REASON = JsonBytes.key("reason");
    private static final byte[] K_RESOURCE = JsonBytes.key("resource");
    private static final byte[] K_SCHEDULER = JsonBytes.key("scheduler");
    private static final byte[] K_SECONDS = JsonBytes.key("seconds");
    private static final byte[] K_SEQ = JsonBytes.key("seq");
    private static final byte[] K_STATUS = JsonBytes.key("status");
    private static final byte[] K_STOP = JsonBytes.key("stop");
    private static final byte[] K_SUSPENDED = JsonBytes.key("suspended");
    private static final byte[] K_TARGET_VALUE = JsonBytes.key("target_value");
    private static final byte[] K_THEN = JsonBytes.key("then");
    private static final byte[] K_TIME = JsonBytes.key("time");
    private static final byte[] K_TOTAL_RESOURCE = JsonBytes.key("total_resource");
    private static final byte[] K_TRIAL = JsonBytes.key("trial");
    private static final byte[] K_TRIALS = JsonBytes.key("trials");
    private static final byte[] K_TYPE = JsonBytes.key("type");
    private static final byte[] K_VALUE = JsonBytes.key("value");
    private static final byte[] K_WHAT = JsonBytes.key("what");
    private static final byte[] K_WORKERS = JsonBytes.key("workers");

    private static void write(JournalEntry entry, JsonBytes g) {
        JournalEvent e = entry.event();
        g.writeStartObject();
        g.writeFieldName(K_SEQ);
        g.writeNumber(entry.seq());
        g.writeFieldName(K_TYPE);
        g.writeString(type(e));
        if (e.trialId() >= 0) {
            g.writeFieldName(K_TRIAL);
            g.writeNumber(e.trialId());
        }
        if (e instanceof Result r) {
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(r.resource());
            g.writeFieldName(K_METRICS);
            writeValues(g, r.metrics().size() < 2 || r.metrics() instanceof TreeMap ? r.metrics() : new TreeMap<>(r.metrics()));
            g.writeFieldName(K_DECISION);
            g.writeString(r.decision());
            g.writeFieldName(K_REASON);
            g.writeString(r.reason());
            if (!r.byScheduler()) { // absent: the scheduler (most results; the journal stays short)
                g.writeFieldName(K_BY);
                g.writeString("tuner");
            }
            writeEnding(g, r.then(), r.reason());
            g.writeFieldName(K_SECONDS);
            g.writeNumber(r.seconds());
        } else if (e instanceof Start s) {
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(s.resource());
            g.writeFieldName(K_CONFIG);
            writeValues(g, s.config().asMap());
        } else if (e instanceof End end) {
            g.writeFieldName(K_STATUS);
            g.writeString(end.status().name());
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(end.resource());
            g.writeFieldName(K_REASON);
            g.writeString(end.reason());
            if (end.checkpoint().folder() != null) { // absent: the trial has none (an end always says)
                writeCheckpoint(g, end.checkpoint());
            }
        } else if (e instanceof Resume r) {
            g.writeFieldName(K_FROM);
            g.writeNumber(r.from());
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(r.resource());
            g.writeFieldName(K_REASON);
            g.writeString(r.reason());
            g.writeFieldName(K_NEXT);
            g.writeNumber(r.next());
            g.writeFieldName(K_MAY_START);
            g.writeBoolean(r.mayStart());
        } else if (e instanceof Idle i) {
            g.writeFieldName(K_NEXT);
            g.writeNumber(i.next());
            g.writeFieldName(K_MAY_START);
            g.writeBoolean(i.mayStart());
        } else if (e instanceof Ignored i) {
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(i.resource());
            g.writeFieldName(K_REASON);
            g.writeString(i.reason());
        } else if (e instanceof Invalid i) {
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(i.resource());
            g.writeFieldName(K_REASON);
            g.writeString(i.reason());
            writeEnding(g, i.then(), i.reason());
        } else if (e instanceof Suspend s) {
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(s.resource());
            g.writeFieldName(K_REASON);
            g.writeString(s.reason());
            if (s.checkpoint() != null) {
                writeCheckpoint(g, s.checkpoint());
            }
        } else if (e instanceof Restart r) {
            g.writeFieldName(K_FROM);
            g.writeNumber(r.from());
            g.writeFieldName(K_RESOURCE);
            g.writeNumber(r.resource());
            g.writeFieldName(K_CHECKPOINT);
            g.writeBoolean(r.checkpoint());
            g.writeFieldName(K_REASON);
            g.writeString(r.reason());
        } else if (e instanceof Enqueue q) {
            g.writeFieldName(K_SOURCE);
            g.writeString(q.source());
            g.writeFieldName(K_CONFIGS);
            g.writeStartArray();
            q.configs().forEach(c -> writeValues(g, c.asMap()));
            g.writeEndArray();
        } else if (e instanceof Prior p) {
            g.writeFieldName(K_SOURCE);
            g.writeString(p.source());
            g.writeFieldName(K_SHA256);
            g.writeString(p.sha256());
            g.writeFieldName(K_TRIALS);
            g.writeStartArray();
            for (PriorTrial t : p.trials()) {
                g.writeStartObject();
                g.writeFieldName(K_CONFIG);
                writeValues(g, t.config().asMap());
                g.writeFieldName(K_RESULTS);
                g.writeStartArray();
                for (PriorTrial.Point pt : t.results()) {
                    g.writeStartObject();
                    g.writeFieldName(K_RESOURCE);
                    g.writeNumber(pt.resource());
                    g.writeFieldName(K_METRICS);
                    writeValues(g, new TreeMap<>(pt.metrics()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (e instanceof Exclude x) {
            g.writeFieldName(K_REASON);
            g.writeString(x.reason());
        } else if (e instanceof Gc gc) {
            g.writeFieldName(K_WHAT);
            g.writeString(gc.best() ? "best" : "latest");
            g.writeFieldName(K_REASON);
            g.writeString(gc.reason());
        } else if (e instanceof BestCheckpoint b) {
            writeNumber(g, K_RESOURCE, b.resource());
            writeNumber(g, K_VALUE, b.value());
            g.writeFieldName(K_PATH);
            g.writeString(b.path());
        } else if (e instanceof Experiment x) {
            g.writeFieldName(K_NAME);
            g.writeString(x.name());
            g.writeFieldName(K_SCHEDULER);
            g.writeString(x.scheduler());
            g.writeFieldName(K_METRIC);
            g.writeString(x.metric().name());
            g.writeFieldName(K_MODE);
            g.writeString(x.metric().mode().name().toLowerCase());
            if (x.metric().multiObjective()) {
                g.writeFieldName(K_OBJECTIVES);
                g.writeStartArray();
                for (Metric o : x.metric().others()) {
                    g.writeStartObject();
                    g.writeFieldName(K_NAME);
                    g.writeString(o.name());
                    g.writeFieldName(K_MODE);
                    g.writeString(o.mode().name().toLowerCase());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (x.metric().constraint() != null) {
                g.writeFieldName(K_CONSTRAINT);
                g.writeString(x.metric().constraint());
            }
            g.writeFieldName(K_WORKERS);
            g.writeNumber(x.workers());
            if (x.stop() != null) {
                Limits l = x.stop();
                g.writeFieldName(K_STOP);
                g.writeStartObject();
                writeNumber(g, K_MAX_TRIALS, l.maxTrials());
                writeNumber(g, K_MAX_WALL_TIME_S, l.maxWallTimeSeconds());
                writeNumber(g, K_MAX_TOTAL_RESOURCE, l.maxTotalResource());
                writeNumber(g, K_TARGET_VALUE, l.targetValue());
                writeNumber(g, K_MAX_FAILURES, l.maxFailures());
                g.writeEndObject();
            }
        } else if (e instanceof Resumed r) {
            g.writeFieldName(K_EVENTS);
            g.writeNumber(r.events());
            writeInts(g, K_OPEN_JOBS, r.openJobs());
            writeInts(g, K_SUSPENDED, r.suspended());
        } else if (e instanceof Finish f) {
            writeSummary(g, f.summary());
        } else if (e instanceof Paused p) {
            writeSummary(g, p.summary());
        }
        if (entry.time() != null) {
            g.writeFieldName(K_TIME);
            writeTime(g, entry.time());
        }
        g.writeEndObject();
    }

    /** The last time written, as its JSON string (events come many to a millisecond). */
    private record TimeJson(Instant time, byte[] json) {
    }

    private static volatile TimeJson lastTime = new TimeJson(Instant.MIN, new byte[0]);

    private static void writeTime(JsonBytes g, Instant time) {
        TimeJson last = lastTime;
        if (!last.time().equals(time)) {
            last = new TimeJson(time, ("\"" + Times.format(time) + "\"").getBytes(StandardCharsets.US_ASCII));
            lastTime = last;
        }
        g.writeRawValue(last.json());
    }

    private static void writeSummary(JsonBytes g, Summary s) {
        g.writeFieldName(K_REASON);
        g.writeString(s.reason());
        g.writeFieldName(K_TRIALS);
        g.writeNumber(s.trials());
        g.writeFieldName(K_TOTAL_RESOURCE);
        g.writeNumber(s.totalResource());
        writeNumber(g, K_BEST_TRIAL, s.bestTrial());
        writeNumber(g, K_BEST_VALUE, s.bestValue());
    }

    /** The job's ending; its reason is left out when it is the event's own {@code reason} (most are), and read back as that. */
    private static void writeEnding(JsonBytes g, JobEnding then, String reason) {
        if (then == null) { // absent: the job goes on
            return;
        }
        g.writeFieldName(K_THEN);
        g.writeStartObject();
        g.writeFieldName(K_STATUS);
        g.writeString(then.statusName());
        if (!then.reason().equals(reason)) {
            g.writeFieldName(K_REASON);
            g.writeString(then.reason());
        }
        g.writeEndObject();
    }

    private static void writeCheckpoint(JsonBytes g, CheckpointRef c) {
        g.writeFieldName(K_CHECKPOINT);
        g.writeString(c.folder());
        if (c.resource() != null) {
            g.writeFieldName(K_CHECKPOINT_RESOURCE);
            g.writeNumber(c.resource());
        }
    }

    private static void writeInts(JsonBytes g, byte[] name, List<Integer> values) {
        g.writeFieldName(name);
        g.writeStartArray();
        for (int v : values) {
            g.writeArrayNumber(v);
        }
        g.writeEndArray();
    }

    private static void writeNumber(JsonBytes g, byte[] name, Number n) {
        g.writeFieldName(name);
        if (n == null) {
            g.writeNull();
        } else if (n instanceof Double d) {
            g.writeNumber(d);
        } else {
            g.writeNumber(n.longValue());
        }
    }

    private static void writeValues(JsonBytes g, Map<String, ?> values) {
        g.writeStartObject();
        values.forEach((k, v) -> writeValue(g, k, v)); // a map's own forEach: no entry objects
        g.writeEndObject();
    }

    private static void writeValue(JsonBytes g, String key, Object o) {
        g.writeFieldName(key);
        if (o instanceof Double d) {
            g.writeNumber(d);
        } else if (o instanceof Long l) {
            g.writeNumber(l);
        } else if (o instanceof Integer i) {
            g.writeNumber(i);
        } else if (o instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(o == null ? null : String.valueOf(o));
        }
    }

    /**
     * Reads line {@code expectedSeq} of a JSON-lines journal. Throws {@link IllegalArgumentException} whose
     * message completes "the line is ...": not valid JSON, not an event object, not a valid event (naming
     * the field), or out of sequence.
     */
    public static JournalEntry decodeLine(String line, long expectedSeq) {
        JournalEntry entry;
        try {
            entry = decode(line);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            throw new IllegalArgumentException(why.startsWith("not ") ? why : "not a valid event (" + why + ")", e);
        }
        if (entry.seq() != expectedSeq) {
            throw new IllegalArgumentException("out of sequence (seq " + entry.seq() + ", expected " + expectedSeq + ")");
        }
        return entry;
    }

    /** Parses one line of a JSON-lines journal; see {@link #decode(JsonNode)}. */
    public static JournalEntry decode(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON (" + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + ")", e);
        }
        return decode(node);
    }

    /**
     * The entry in {@code node}; throws {@link IllegalArgumentException} naming the seq, the type and
     * what is wrong when it is not an event of a known type with the fields that type needs.
     */
    public static JournalEntry decode(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("type").isTextual() || !node.path("seq").canConvertToLong()) {
            throw new IllegalArgumentException("not an event object (it needs a numeric 'seq' and a 'type')");
        }
        Fields f = new Fields(node);
        return new JournalEntry(node.get("seq").asLong(), f.time(), f.event());
    }

    /** Reads the fields of one event, naming the event in every error. */
    private record Fields(JsonNode n) {
        JournalEvent event() {
            String type = n.get("type").asText();
            return switch (type) {
                case "result" -> new Result(trial(), lng("resource"), metrics(), text("decision"), opt("reason"),
                        !n.path("by").asText("scheduler").equals("tuner"), ending(), n.path("seconds").asDouble());
                case "start" -> new Start(trial(), lng("resource"), config());
                case "end" -> new End(trial(), status(), n.path("resource").asLong(), opt("reason"), checkpoint());
                case "resume" -> new Resume(trial(), n.path("from").asLong(), lng("resource"), opt("reason"),
                        (int) lng("next"), bool("may_start"));
                case "idle" -> new Idle((int) lng("next"), bool("may_start"));
                case "ignored" -> new Ignored(trial(), n.path("resource").asLong(), opt("reason"));
                case "invalid" -> new Invalid(trial(), n.path("resource").asLong(), opt("reason"), ending());
                case "suspend" -> new Suspend(trial(), lng("resource"), opt("reason"), n.has("checkpoint") ? checkpoint() : null);
                case "restart" -> new Restart(trial(), n.path("from").asLong(), lng("resource"),
                        n.path("checkpoint").asBoolean(), opt("reason"));
                case "gc" -> new Gc(trial(), n.path("what").asText("latest").equals("best"), opt("reason"));
                case "best_checkpoint" -> new BestCheckpoint(trial(), nullableLong("resource"), nullableDouble("value"), text("path"));
                case "experiment" -> new Experiment(n.path("name").asText(""), n.path("scheduler").asText(""), metric(),
                        n.path("workers").asInt(1), limits());
                case "resumed" -> new Resumed(n.path("events").asLong(), ints("open_jobs"), ints("suspended"));
                case "finish" -> new Finish(summary());
                case "paused" -> new Paused(summary());
                case "enqueue" -> new Enqueue(configs(), opt("source"));
                case "prior" -> new Prior(opt("source"), opt("sha256"), priorTrials());
                case "exclude" -> new Exclude(trial(), opt("reason"));
                default -> throw error("has an unknown type");
            };
        }

        Instant time() {
            JsonNode t = n.get("time");
            if (t == null || !t.isTextual()) {
                return null;
            }
            try {
                return Instant.parse(t.asText());
            } catch (DateTimeParseException e) {
                throw error("has a time that is not an instant: " + t.asText());
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("event " + n.get("seq").asLong() + " (" + n.get("type").asText() + ") " + what);
        }

        private JsonNode need(String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                throw error("lacks '" + key + "'");
            }
            return v;
        }

        private int trial() {
            JsonNode v = need("trial");
            if (!v.canConvertToInt()) {
                throw error("has a 'trial' that is not a number: " + v);
            }
            return v.asInt();
        }

        private long lng(String key) {
            JsonNode v = need(key);
            if (!v.isNumber()) {
                throw error("has a '" + key + "' that is not a number: " + v);
            }
            return v.asLong();
        }

        private boolean bool(String key) {
            return need(key).asBoolean();
        }

        private String text(String key) {
            return need(key).asText();
        }

        private String opt(String key) {
            return n.path(key).asText("");
        }

        private Long nullableLong(String key) {
            JsonNode v = n.get(key);
            return v == null || !v.isNumber() ? null : v.asLong();
        }

        private Double nullableDouble(String key) {
            JsonNode v = n.get(key);
            return v == null || !v.isNumber() ? null : v.asDouble();
        }

        private Integer nullableInt(String key) {
            JsonNode v = n.get(key);
            return v == null || !v.isNumber() ? null : v.asInt();
        }

        private TrialStatus status() {
            String s = text("status");
            try {
                return TrialStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw error("has an unknown status '" + s + "'");
            }
        }

        private JobEnding ending() {
            JsonNode then = n.get("then");
            if (then == null || then.isNull()) {
                return null;
            }
            String status = then.path("status").asText();
            try {
                return JobEnding.of(status, then.path("reason").asText(opt("reason")));
            } catch (IllegalArgumentException e) {
                throw error("has an unknown status in 'then': '" + status + "'");
            }
        }

        private CheckpointRef checkpoint() {
            JsonNode c = n.get("checkpoint");
            return c == null || !c.isTextual() ? CheckpointRef.NONE : new CheckpointRef(c.asText(), nullableLong("checkpoint_resource"));
        }

        private Map<String, Double> metrics() {
            return metricsOf(need("metrics"));
        }

        private Config config() {
            return configOf(need("config"));
        }

        private List<Config> configs() {
            List<Config> out = new ArrayList<>();
            need("configs").forEach(c -> out.add(configOf(c)));
            return out;
        }

        private List<PriorTrial> priorTrials() {
            List<PriorTrial> out = new ArrayList<>();
            for (JsonNode t : need("trials")) {
                List<PriorTrial.Point> points = new ArrayList<>();
                t.path("results").forEach(r -> points.add(new PriorTrial.Point(r.path("resource").asLong(), metricsOf(r.path("metrics")))));
                out.add(new PriorTrial(configOf(t.path("config")), points));
            }
            return out;
        }

        private Metric metric() {
            String name = n.path("metric").asText("");
            if (name.isBlank()) {
                throw error("lacks 'metric'");
            }
            Metric metric = n.path("mode").asText("min").equals("max") ? Metric.maximize(name) : Metric.minimize(name);
            for (JsonNode o : n.path("objectives")) {
                String other = o.path("name").asText("");
                if (other.isBlank()) {
                    throw error("has an objective without a name");
                }
                metric = metric.withObjectives(o.path("mode").asText("min").equals("max") ? Metric.maximize(other) : Metric.minimize(other));
            }
            return n.path("constraint").isTextual() ? metric.withConstraint(n.get("constraint").asText()) : metric;
        }

        private Limits limits() {
            JsonNode s = n.get("stop");
            if (s == null || !s.isObject()) {
                return null;
            }
            Fields l = new Fields(s);
            return new Limits(l.nullableInt("max_trials"), l.nullableDouble("max_wall_time_s"),
                    l.nullableLong("max_total_resource"), l.nullableDouble("target_value"), l.nullableInt("max_failures"));
        }

        private List<Integer> ints(String key) {
            List<Integer> values = new ArrayList<>();
            n.path(key).forEach(v -> values.add(v.asInt()));
            return values;
        }

        private Summary summary() {
            return new Summary(opt("reason"), n.path("trials").asInt(), n.path("total_resource").asLong(),
                    nullableInt("best_trial"), nullableDouble("best_value"));
        }
    }
}
