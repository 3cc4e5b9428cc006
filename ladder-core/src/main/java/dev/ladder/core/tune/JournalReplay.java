package dev.ladder.core.tune;

import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rebuilds a scheduler's state from a journal (L. Li, "Towards Efficient Automated Machine Learning",
 * thesis, section 3.5.4: the sequence of promotions is tracked and replayed):
 * every call the tuner made (suggestions, including those that found nothing, results the scheduler
 * decided, trial ends) is made again, in journal order, on a fresh scheduler, and each answer must equal
 * the one the journal recorded, or the replay fails naming the event. Since schedulers are pure
 * functions of their seed and the calls they receive, a replayed scheduler is in the state the original
 * was in after the last event. The events are applied to an {@link ExperimentState} in the same order
 * the live tuner applied them, so it is the tuner's state at that point.
 */
public final class JournalReplay implements Consumer<JournalEntry> {
    private final Scheduler scheduler;
    private final ExperimentState state;
    private long calls;
    /** The entry being replayed, named in a divergence error. */
    private JournalEntry current;

    /** Replays into {@code fresh} and {@code state}, which must not have seen any event. */
    public JournalReplay(Scheduler fresh, ExperimentState state) {
        this.scheduler = fresh;
        this.state = state;
        state.onTrialEnd(t -> {
            calls++;
            scheduler.onTrialEnd(t);
        });
    }

    /** Replays the JSON-lines journal {@code eventsFile} into {@code fresh}. */
    public static JournalReplay replay(Path eventsFile, Scheduler fresh) {
        JournalReplay r = new JournalReplay(fresh, new ExperimentState(fresh.metric(), null));
        try (EventLog log = EventLog.jsonl(eventsFile)) {
            log.read(r);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(eventsFile + ": " + e.getMessage(), e);
        }
        return r;
    }

    /** The experiment's state as the replayed journal left it: its trials, results and decisions. */
    public ExperimentState state() {
        return state;
    }

    /** How many scheduler calls were replayed. */
    public long calls() {
        return calls;
    }

    @Override
    public void accept(JournalEntry entry) {
        current = entry;
        JournalEvent e = entry.event();
        if (e instanceof JournalEvent.Idle i) {
            Optional<Suggestion> got = call(() -> scheduler.suggest(i.next(), i.mayStart()));
            expect(got.isEmpty(), "no suggestion", got);
        } else if (e instanceof JournalEvent.Start s) {
            Optional<Suggestion> got = call(() -> scheduler.suggest(s.trialId(), true));
            expect(got.orElse(null) instanceof Suggestion.Start st && st.config().equals(s.config())
                    && st.resource() == s.resource(), "start of " + s.config(), got);
        } else if (e instanceof JournalEvent.Resume r) {
            Optional<Suggestion> got = call(() -> scheduler.suggest(r.next(), r.mayStart()));
            expect(got.orElse(null) instanceof Suggestion.Resume res && res.trialId() == r.trialId()
                    && res.resource() == r.resource(), "resume of trial " + r.trialId(), got);
        } else if (e instanceof JournalEvent.Enqueue q) {
            call(() -> { scheduler.enqueue(q.configs()); return null; });
        } else if (e instanceof JournalEvent.Prior p) {
            call(() -> { scheduler.observePrior(p.trials()); return null; });
        } else if (e instanceof JournalEvent.Exclude x) {
            call(() -> { scheduler.exclude(x.trialId()); return null; });
        } else if (e instanceof JournalEvent.Result r && r.byScheduler()) {
            Trial t = state.trial(r.trialId());
            Decision got = call(() -> scheduler.onResult(t, new Result(t.id(), r.resource(), r.metrics())));
            expect(got.name().equals(r.decision()) && got.reason().equals(r.reason()),
                    r.decision() + " (" + r.reason() + ")", got);
        }
        state.apply(e); // an end tells the scheduler from inside, as in the live run
    }

    private <T> T call(Supplier<T> c) {
        calls++;
        return c.get();
    }

    private void expect(boolean same, String journaled, Object got) {
        if (!same) {
            throw new IllegalStateException("replay diverged at event " + current.seq() + " ("
                    + JournalCodec.type(current.event()) + "): the journal has " + journaled
                    + ", the scheduler now answers " + got);
        }
    }
}
