package dev.ladder.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Config;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds a scheduler's state from a journal (thesis 3.5.4: the sequence of promotions is tracked and
 * replayed): every call the tuner made (suggestions, including those that found nothing, results the
 * scheduler decided, trial ends) is made again, in journal order, on a fresh scheduler, and each answer
 * must equal the one the journal recorded, or the replay fails naming the event. Since schedulers are
 * pure functions of their seed and the calls they receive, a replayed scheduler is in the state the
 * original was in after the last event.
 */
public final class JournalReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, Trial> trials = new LinkedHashMap<>();
    private long calls;

    /** The trials as the journal leaves them (config, last resource, status). */
    public Map<Integer, Trial> trials() {
        return trials;
    }

    /** How many scheduler calls were replayed. */
    public long calls() {
        return calls;
    }

    /** Replays {@code events.jsonl} into {@code fresh}. */
    public static JournalReplay replay(Path eventsFile, Scheduler fresh) {
        try {
            List<String> lines = Files.readAllLines(eventsFile);
            JournalReplay r = new JournalReplay();
            for (int i = 0; i < lines.size(); i++) {
                r.apply(JSON.readTree(lines.get(i)), fresh, eventsFile + " line " + (i + 1));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + eventsFile, e);
        }
    }

    private void apply(JsonNode e, Scheduler s, String where) {
        String type = e.path("type").asText();
        switch (type) {
            case "idle" -> {
                Optional<Suggestion> got = call(() -> s.suggest(e.get("next").asInt(), e.get("may_start").asBoolean()));
                expect(got.isEmpty(), where, "no suggestion", got);
            }
            case "start" -> {
                int id = e.get("trial").asInt();
                Optional<Suggestion> got = call(() -> s.suggest(id, true));
                Config config = config(e.get("config"));
                expect(got.orElse(null) instanceof Suggestion.Start st && st.config().equals(config)
                        && st.resource() == e.get("resource").asLong(), where, "start of " + config, got);
                trials.put(id, new Trial(id, config));
                trials.get(id).setStatus(TrialStatus.RUNNING, "");
            }
            case "resume" -> {
                Optional<Suggestion> got = call(() -> s.suggest(e.get("next").asInt(), e.get("may_start").asBoolean()));
                int id = e.get("trial").asInt();
                expect(got.orElse(null) instanceof Suggestion.Resume r && r.trialId() == id
                        && r.resource() == e.get("resource").asLong(), where, "resume of trial " + id, got);
                trials.get(id).setStatus(TrialStatus.RUNNING, "");
            }
            case "result" -> {
                Trial t = trials.get(e.get("trial").asInt());
                long resource = e.get("resource").asLong();
                t.setLastResource(resource);
                if (e.path("by").asText("scheduler").equals("scheduler")) {
                    Map<String, Double> metrics = new HashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = e.get("metrics").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> m = it.next();
                        metrics.put(m.getKey(), m.getValue().asDouble());
                    }
                    Decision got = call(() -> s.onResult(t, new Result(t.id(), resource, metrics)));
                    expect(Tuner.decisionName(got).equals(e.get("decision").asText())
                            && got.reason().equals(e.get("reason").asText()), where,
                            e.get("decision").asText() + " (" + e.get("reason").asText() + ")", got);
                }
            }
            case "end" -> {
                Trial t = trials.get(e.get("trial").asInt());
                t.setStatus(TrialStatus.valueOf(e.get("status").asText()), e.path("reason").asText());
                calls++;
                s.onTrialEnd(t);
            }
            default -> { } // experiment, ignored, invalid, cancel, finish: no scheduler call
        }
    }

    private <T> T call(java.util.function.Supplier<T> c) {
        calls++;
        return c.get();
    }

    private static void expect(boolean same, String where, String journaled, Object got) {
        if (!same) {
            throw new IllegalStateException("replay diverged at " + where + ": the journal has " + journaled
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
