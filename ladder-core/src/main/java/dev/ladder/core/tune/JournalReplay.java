package dev.ladder.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rebuilds a scheduler's state, and the tuner's, from a journal (thesis 3.5.4: the sequence of
 * promotions is tracked and replayed): every call the tuner made (suggestions, including those that
 * found nothing, results the scheduler decided, trial ends) is made again, in journal order, on a
 * fresh scheduler, and each answer must equal the one the journal recorded, or the replay fails
 * naming the event. Since schedulers are pure functions of their seed and the calls they receive, a
 * replayed scheduler is in the state the original was in after the last event. Besides it keeps what
 * the tuner needs to go on: the trials, the jobs that had not ended (their target resource and, when
 * it was decided, how they were to end), the jobs suspended by a pause, resource used and the best.
 */
public final class JournalReplay implements Consumer<JsonNode> {
    private final Scheduler scheduler;
    private final Metric metric;
    private final Map<Integer, Trial> trials = new LinkedHashMap<>();
    /** Trials whose job had not ended, with the resource it ran up to. */
    final Map<Integer, Long> openJobs = new TreeMap<>();
    /** How open jobs were to end, when that was decided. */
    final Map<Integer, JobEnding> endings = new HashMap<>();
    /** Resumes asked while the trial's previous job was still ending: trial to target. */
    final Map<Integer, Suggestion.Resume> deferred = new HashMap<>();
    /** Jobs suspended by an experiment pause or end, to run again up to their target. */
    final Map<Integer, Long> suspended = new TreeMap<>();
    private long calls;
    private long events;
    /** Each trial's latest recorded checkpoint. */
    final Map<Integer, Checkpoints.Saved> latestCheckpoints = new HashMap<>();
    /** Each trial's best checkpoint, where it is kept besides the latest. */
    final Map<Integer, Checkpoints.Saved> bestCheckpoints = new HashMap<>();
    /** Each trial's value of the metric at its last result. */
    final Map<Integer, Double> lastValue = new HashMap<>();
    long totalResource;
    int failures;
    TuningResult.Best best;
    /** The event being replayed, named in a divergence error. */
    private JsonNode current;

    public JournalReplay(Scheduler fresh) {
        this.scheduler = fresh;
        this.metric = fresh.metric();
    }

    /** Replays the JSON-lines journal {@code eventsFile} into {@code fresh}. */
    public static JournalReplay replay(Path eventsFile, Scheduler fresh) {
        JournalReplay r = new JournalReplay(fresh);
        try (EventLog log = EventLog.jsonl(eventsFile)) {
            log.read(r);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(eventsFile + ": " + e.getMessage(), e);
        }
        return r;
    }

    /** The trials as the journal leaves them (config, last resource, status). */
    public Map<Integer, Trial> trials() {
        return trials;
    }

    /** How many scheduler calls were replayed. */
    public long calls() {
        return calls;
    }

    /** How many events were read. */
    public long events() {
        return events;
    }

    @Override
    public void accept(JsonNode e) {
        events++;
        current = e;
        switch (e.path("type").asText()) {
            case "idle" -> {
                Optional<Suggestion> got = call(() -> scheduler.suggest(e.get("next").asInt(), e.get("may_start").asBoolean()));
                expect(got.isEmpty(), "no suggestion", got);
            }
            case "start" -> {
                int id = e.get("trial").asInt();
                Optional<Suggestion> got = call(() -> scheduler.suggest(id, true));
                Config config = config(e.get("config"));
                long target = e.get("resource").asLong();
                expect(got.orElse(null) instanceof Suggestion.Start st && st.config().equals(config)
                        && st.resource() == target, "start of " + config, got);
                Trial trial = new Trial(id, config);
                trials.put(id, trial);
                trial.setStatus(TrialStatus.RUNNING, "");
                openJobs.put(id, target);
            }
            case "resume" -> {
                Optional<Suggestion> got = call(() -> scheduler.suggest(e.get("next").asInt(), e.get("may_start").asBoolean()));
                int id = e.get("trial").asInt();
                long target = e.get("resource").asLong();
                expect(got.orElse(null) instanceof Suggestion.Resume r && r.trialId() == id && r.resource() == target,
                        "resume of trial " + id, got);
                if (openJobs.containsKey(id)) {
                    deferred.put(id, (Suggestion.Resume) got.get());
                } else {
                    openJobs.put(id, target);
                    trials.get(id).setStatus(TrialStatus.RUNNING, e.path("reason").asText());
                }
            }
            case "restart" -> {
                int id = e.get("trial").asInt();
                suspended.remove(id);
                openJobs.put(id, e.get("resource").asLong());
                trials.get(id).setStatus(TrialStatus.RUNNING, e.path("reason").asText());
            }
            case "result" -> {
                Trial t = trials.get(e.get("trial").asInt());
                long resource = e.get("resource").asLong();
                Map<String, Double> metrics = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = e.get("metrics").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    metrics.put(m.getKey(), m.getValue().asDouble());
                }
                Result result = new Result(t.id(), resource, metrics);
                totalResource += resource - t.lastResource();
                t.setLastResource(resource);
                best = TuningResult.Best.update(best, t, result, metric);
                lastValue.put(t.id(), result.value(metric));
                if (e.path("by").asText("scheduler").equals("scheduler")) {
                    Decision got = call(() -> scheduler.onResult(t, result));
                    expect(got.name().equals(e.get("decision").asText())
                            && got.reason().equals(e.get("reason").asText()),
                            e.get("decision").asText() + " (" + e.get("reason").asText() + ")", got);
                }
                JobEnding.read(e).ifPresent(end -> endings.put(t.id(), end));
            }
            case "invalid" -> JobEnding.read(e).ifPresent(end -> endings.put(e.get("trial").asInt(), end));
            case "end" -> {
                Trial t = trials.get(e.get("trial").asInt());
                TrialStatus status = TrialStatus.valueOf(e.get("status").asText());
                t.setStatus(status, e.path("reason").asText());
                openJobs.remove(t.id());
                endings.remove(t.id());
                if (status == TrialStatus.FAILED) {
                    failures++;
                }
                recordCheckpoint(t, e);
                calls++;
                scheduler.onTrialEnd(t);
                Suggestion.Resume resume = deferred.remove(t.id());
                if (resume != null) { // launched now, unless a "suspend" event follows
                    openJobs.put(t.id(), resume.resource());
                    t.setStatus(TrialStatus.RUNNING, resume.reason());
                }
            }
            case "suspend" -> {
                int id = e.get("trial").asInt();
                openJobs.remove(id);
                endings.remove(id);
                suspended.put(id, e.get("resource").asLong());
                trials.get(id).setStatus(TrialStatus.PAUSED, e.path("reason").asText());
                recordCheckpoint(trials.get(id), e);
            }
            case "best_checkpoint" -> {
                int id = e.get("trial").asInt();
                bestCheckpoints.put(id, new Checkpoints.Saved(Path.of(e.get("path").asText()),
                        e.path("resource").asLong(trials.get(id).lastResource()), e.get("value").asDouble()));
            }
            case "gc" -> {
                int id = e.get("trial").asInt();
                if (e.path("what").asText("latest").equals("best")) {
                    bestCheckpoints.remove(id);
                } else {
                    latestCheckpoints.remove(id);
                }
            }
            default -> { } // experiment, resumed, ignored, finish, paused: no scheduler call
        }
    }

    /**
     * The checkpoint an end or suspend event records as the trial's latest (older journals give no
     * resource: its last). An event without the field (a suspend of a job that never ran) leaves the
     * recorded one; a null field says the trial has none.
     */
    private void recordCheckpoint(Trial t, JsonNode e) {
        JsonNode folder = e.get("checkpoint");
        if (folder == null) {
            return;
        }
        if (!folder.isTextual()) {
            latestCheckpoints.remove(t.id());
            return;
        }
        latestCheckpoints.put(t.id(), new Checkpoints.Saved(Path.of(folder.asText()),
                e.path("checkpoint_resource").asLong(t.lastResource()), lastValue.get(t.id())));
    }

    private <T> T call(Supplier<T> c) {
        calls++;
        return c.get();
    }

    private void expect(boolean same, String journaled, Object got) {
        if (!same) {
            throw new IllegalStateException("replay diverged at event " + current.path("seq").asLong() + " ("
                    + current.path("type").asText() + "): the journal has " + journaled
                    + ", the scheduler now answers " + got);
        }
    }

    private static Config config(JsonNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            values.put(f.getKey(), v.isIntegralNumber() ? (Object) v.longValue() : v.isNumber() ? (Object) v.doubleValue()
                    : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        return Config.of(values);
    }
}
