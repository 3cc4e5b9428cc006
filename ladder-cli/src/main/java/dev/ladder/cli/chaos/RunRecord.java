package dev.ladder.cli.chaos;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.store.Event;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.Store;
import dev.ladder.store.TrialRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one experiment's journal and trial table hold, as the chaos checks read them: every
 * {@code result} event in journal order, each trial's config and the target of its last job
 * ({@code start}, {@code resume} or {@code restart}), the trial rows and the experiment's status.
 */
record RunRecord(dev.ladder.store.ExperimentStatus status, List<Result> results, Map<Integer, String> configs, Map<Integer, Long> targets,
                 List<TrialRow> trials) {
    /** One result event: the trial, the resource, the metrics and the decision with its reason. */
    record Result(int trial, long resource, Map<String, Double> metrics, String decision) {
        String key() {
            return "trial " + trial + " @ " + resource;
        }
    }

    static RunRecord read(Store store, String name) {
        ExperimentRow e = store.experiment(name).orElseThrow(() -> new IllegalStateException("no experiment " + name));
        List<Result> results = new ArrayList<>();
        Map<Integer, String> configs = new HashMap<>();
        Map<Integer, Long> targets = new HashMap<>();
        for (Event ev : store.events(e.id(), 1)) {
            JournalEvent n = JournalCodec.decode(ev.body()).event();
            if (n instanceof JournalEvent.Start s) {
                configs.put(s.trialId(), JournalCodec.json(s.config().asMap()));
                targets.put(s.trialId(), s.resource());
            } else if (n instanceof JournalEvent.Resume r) {
                targets.put(r.trialId(), r.resource());
            } else if (n instanceof JournalEvent.Restart r) {
                targets.put(r.trialId(), r.resource());
            } else if (n instanceof JournalEvent.Result r) {
                results.add(new Result(r.trialId(), r.resource(), r.metrics(), r.decision() + " " + r.reason()));
            }
        }
        return new RunRecord(e.status(), results, configs, targets, store.trials(e.id()));
    }

    /** The number of result events stored so far (0 before the experiment exists): the harness's clock. */
    static long resultCount(Store store, String name) {
        return store.experiment(name).map(e -> store.events(e.id(), 1).stream().filter(ev -> ev.type().equals("result"))
                .count()).orElse(0L);
    }

    /** The last journal seq (0 before the experiment exists). */
    static long lastSeq(Store store, String name) {
        return store.experiment(name).map(e -> store.lastSeq(e.id())).orElse(0L);
    }
}
